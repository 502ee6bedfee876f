#!/usr/bin/python3
"""The C and Python sides of scripts/bench_preprocess (run that, not this).

Takes N real RRUFF Raman spectra, times each step of the S2 chain and the
whole chain single-threaded in C (scripts/bench_preprocess.c, built -O3 as the extension is
against src/core) and in numpy/scipy/PyWavelets written one spectrum at a
time as users write it, in alternating rounds, and prints the best round's
spectra per second and ratios.  With
--copy FILE it only writes the spectra as COPY text rows for the SQL side;
--dsn DSN also times SELECT count(gs_preprocess(s)) FROM t on that database
in each round (the table holds the same spectra).
Versions: Debian 12's numpy 1.24.2, scipy 1.10.1, PyWavelets 1.1.1.
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import pywt
import scipy.interpolate
import scipy.ndimage
import scipy.signal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_golden_b as ref  # noqa: E402  (snr and auto_level as documented in src/core)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def spectra(data, count):
    folder = os.path.join(data, "rruff_raman_excellent_unoriented", "spectra")
    files = sorted(os.listdir(folder))
    picked = files[::max(1, len(files) // count)][:count]
    out = []
    for f in picked:
        x, y = ref.read_rruff(os.path.join(folder, f))
        if x.size >= 64 and np.all(np.diff(x) > 0):
            out.append((x, y))
    return out


# ---- the chain in Python, as a user writes it --------------------------------

def resample(x, y, step=1.0):
    grid = np.arange(np.ceil(x[0] / step - 1e-9), np.floor(x[-1] / step + 1e-9) + 1) * step
    return grid, scipy.interpolate.CubicSpline(x, y)(grid)


def denoise(y):
    level = ref.auto_level(ref.snr(y), pywt.dwt_max_level(y.size, pywt.Wavelet("sym8").dec_len))
    return ref.denoise(y, "sym8", level, "bayes", "soft")


def baseline(y):
    peaks, _ = scipy.signal.find_peaks(y)
    prominences = scipy.signal.peak_prominences(y, peaks)[0]
    top = peaks[np.argsort(-prominences, kind="stable")[:3]]
    f = float(np.median(scipy.signal.peak_widths(y, top, rel_height=0.5)[0])) if top.size else 0.0
    w = int(np.floor(1 + 2 * f + f * f / 20 + 0.5))
    w = min(max(w + (w % 2 == 0), 5), 31)
    return y - scipy.ndimage.grey_opening(y, size=w, mode="reflect")


def normalize(y):
    return y / np.linalg.norm(y)


def chain(x, y):
    _, v = resample(x, y)
    return normalize(baseline(denoise(v)))


def timed(fn, items):
    t0 = time.perf_counter()
    for it in items:
        fn(*it)
    return (time.perf_counter() - t0) / len(items)


def python_round(data, resampled):
    return {
        "resample": timed(resample, data),
        "denoise": timed(denoise, resampled),
        "baseline": timed(baseline, resampled),
        "normalize": timed(normalize, resampled),
        "chain": timed(chain, data),
    }


def c_runner(data, tmp):
    """Builds the C side once; each call of the result times one round (a
    fresh process, whose best of three passes leaves out its cold start)."""
    exe = os.path.join(tmp, "bench_preprocess")
    pglib = subprocess.check_output(["/usr/lib/postgresql/15/bin/pg_config", "--pkglibdir"], text=True).strip()
    core = sorted(os.path.join(ROOT, "src/core", f) for f in os.listdir(os.path.join(ROOT, "src/core")) if f.endswith(".c"))
    subprocess.check_call(["cc", "-O3", "-std=gnu11", "-I" + os.path.join(ROOT, "src/core"), "-o", exe,
                           os.path.join(ROOT, "scripts/bench_preprocess.c"), *core,
                           os.path.join(pglib, "libpgcommon.a"), os.path.join(pglib, "libpgport.a"),
                           "-lfftw3", "-lm"])
    path = os.path.join(tmp, "spectra.bin")
    with open(path, "wb") as f:
        f.write(struct.pack("<I", len(data)))
        for x, y in data:
            f.write(struct.pack("<I", x.size))
            f.write(x.astype("<f8").tobytes())
            f.write(y.astype("<f8").tobytes())

    def one_round():
        out = subprocess.check_output([exe, path, "3"], text=True)
        return {k: float(v) for k, v in (line.split() for line in out.splitlines())}
    return one_round


def sql_runner(dsn, count):
    import psycopg2
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    query = "SELECT count(gs_preprocess(s)) FROM t"
    cur.execute(query)          # warms the cache and the plan
    assert cur.fetchone()[0] == count

    def one_round():
        t0 = time.perf_counter()
        cur.execute(query)
        cur.fetchone()
        return {"chain": (time.perf_counter() - t0) / count}
    return one_round


def best_times(data, rounds, dsn):
    """Best of `rounds` per step and side.  The C, Python and SQL rounds
    alternate, so that a slow spell of a shared host weighs on all alike."""
    resampled = [(resample(x, y)[1],) for x, y in data]
    c, py, sql = {}, {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        sides = [(c, c_runner(data, tmp)), (py, lambda: python_round(data, resampled))]
        if dsn:
            sides.append((sql, sql_runner(dsn, len(data))))
        for _ in range(rounds):
            for best, one_round in sides:
                for k, v in one_round().items():
                    best[k] = min(best.get(k, v), v)
    return c, py, sql.get("chain")


def write_copy(data, path):
    with open(path, "w") as f:
        for i, (x, y) in enumerate(data):
            xs = ",".join(repr(float(v)) for v in x)
            ys = ",".join(repr(float(np.float32(v))) for v in y)
            f.write('%d\t{"unit":"raman_cm-1","x":[%s],"y":[%s]}\n' % (i, xs, ys))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spectra", type=int, default=300)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--copy")
    ap.add_argument("--dsn")
    ap.add_argument("data", nargs="?", default=os.environ.get("GEOSPECTRA_DATA", os.path.join(ROOT, "..", "shared", "data")))
    a = ap.parse_args()
    data = spectra(a.data, a.spectra)
    if a.copy:
        write_copy(data, a.copy)
        return
    npts = int(np.mean([x.size for x, _ in data]))
    c, py, sql = best_times(data, a.runs, a.dsn)
    print(f"\n{len(data)} RRUFF Raman spectra (mean {npts} points), one thread, best of {a.runs} alternating rounds")
    print(f"{'step':<10} {'C spectra/s':>12} {'Python spectra/s':>17} {'C / Python':>11}")
    for k in ("resample", "denoise", "baseline", "normalize", "chain"):
        print(f"{k:<10} {1 / c[k]:>12.0f} {1 / py[k]:>17.0f} {py[k] / c[k]:>10.1f}x")
    if sql:
        print(f"\nSQL: SELECT gs_preprocess(s) FROM t  {1 / sql:.0f} spectra/s"
              f" = {py['chain'] / sql:.1f}x the Python chain, {sql / c['chain']:.2f}x the time of the bare C chain")


if __name__ == "__main__":
    main()
