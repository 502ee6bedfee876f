#!/usr/bin/python3
"""Speed of the part-B standardization core (src/core: SNR, automatic wavelet
denoising, baselines) against the numpy/scipy/PyWavelets reference chain of
scripts/gen_golden_b.py, on the same real spectra.

    /usr/bin/python3 scripts/bench_standardize_b.py [--spectra N] [--runs R] [DATA]

Takes N RRUFF Raman spectra (every k-th file of
rruff_raman_excellent_unoriented; DATA defaults to ../shared/data), builds
scripts/bench_standardize_b.c with -O3 (the extension's optimisation level)
against the core sources, and prints per step the time per spectrum of C and
Python (best of R runs) and their ratio, then whole chains (SNR + denoise +
baseline).  Python's automatic morph window is a plain loop; the
morph_w15 line compares the opening alone (given window 15) with
scipy.ndimage.grey_opening.  Versions: numpy 1.24.2, scipy 1.10.1,
PyWavelets 1.1.1.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_golden_b as ref  # noqa: E402

CORE = ["wavelet", "wavelet_filters", "denoise", "snr", "order_stats", "baseline",
        "baseline_pls", "baseline_morph", "baseline_poly", "baseline_snip",
        "baseline_rubberband", "whittaker", "axis_check", "method_names", "gs_error"]


def load(data, count):
    folder = os.path.join(data, "rruff_raman_excellent_unoriented", "spectra")
    files = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
    step = max(1, len(files) // count)
    return [ref.read_rruff(os.path.join(folder, f)) for f in files[::step][:count]]


def python_times(spectra, runs):
    import pywt

    def denoise(y):
        lv = ref.auto_level(ref.snr(y), pywt.dwt_max_level(y.size, 16))
        return ref.denoise(y, "sym8", lv, "universal", "soft")

    steps = [("snr", lambda x, y: ref.snr(y)), ("denoise", lambda x, y: denoise(y))]
    for m in ref.METHODS:
        steps.append((m, lambda x, y, m=m: ref.baseline(m, x, y, {})))
    steps.append(("morph_w15", lambda x, y: ref.morph(y, 15)))
    out = {}
    for name, fn in steps:
        best = float("inf")
        for _ in range(runs):
            t0 = time.perf_counter()
            for x, y in spectra:
                fn(x, y)
            best = min(best, (time.perf_counter() - t0) / len(spectra))
        out[name] = best
    return out


def c_times(spectra, runs, work):
    path = os.path.join(work, "spectra.bin")
    with open(path, "wb") as f:
        f.write(struct.pack("<I", len(spectra)))
        for x, y in spectra:
            f.write(struct.pack("<I", x.size) + x.astype("<f8").tobytes() + y.astype("<f8").tobytes())
    exe = os.path.join(work, "bench")
    subprocess.run(["gcc", "-std=gnu11", "-O3", "-Isrc/core", "-o", exe, "scripts/bench_standardize_b.c"]
                   + ["src/core/%s.c" % c for c in CORE] + ["-lm"], check=True)
    res = subprocess.run([exe, path, str(runs)], check=True, capture_output=True, text=True)
    return {k: float(v) for k, v in (line.split() for line in res.stdout.splitlines())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spectra", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("data", nargs="?", default=os.path.join("..", "shared", "data"))
    args = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    spectra = [(x.astype(float), y.astype(float)) for x, y in load(args.data, args.spectra)]
    npts = np.mean([y.size for _, y in spectra])
    with tempfile.TemporaryDirectory() as work:
        c = c_times(spectra, args.runs, work)
    py = python_times(spectra, args.runs)
    print("%d RRUFF Raman spectra, %.0f points on average; time per spectrum, best of %d"
          % (len(spectra), npts, args.runs))
    print("%-22s %12s %12s %8s" % ("step", "C (us)", "Python (us)", "ratio"))
    for k in c:
        print("%-22s %12.1f %12.1f %8.1f" % (k, c[k] * 1e6, py[k] * 1e6, py[k] / c[k]))
    for m in ref.METHODS:
        ct = c["snr"] + c["denoise"] + c[m]
        pt = py["snr"] + py["denoise"] + py[m]
        print("%-22s %12.1f %12.1f %8.1f" % ("chain with " + m, ct * 1e6, pt * 1e6, pt / ct))


if __name__ == "__main__":
    main()
