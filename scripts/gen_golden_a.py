#!/usr/bin/python3
"""Reference outputs for the standardization core, part A.

Writes test/golden/std_a_*.bin from scipy 1.10.1 / numpy 1.24.2 (Debian's
/usr/bin/python3): resampling (CubicSpline, PchipInterpolator,
Akima1DInterpolator, numpy.interp), savgol_filter, numpy.gradient,
find_peaks + peak_prominences + peak_widths, the normalizations and
numpy.polyfit, on synthetic spectra and on real ones read from
../shared/data (RRUFF Raman, RRUFF IR, USGS splib07).  Every case stores
its inputs too, so the C tests need neither Python nor the data folder.

Format (little-endian): b"GSGOLD1\\n", then records
  u32 name length, name (ASCII), u64 count, count float64 values
named "<case>/<field>".  Run from the repository root:
  /usr/bin/python3 scripts/gen_golden_a.py
"""
import csv
import os
import struct
import sys

import numpy as np
import scipy
from scipy.interpolate import Akima1DInterpolator, CubicSpline, PchipInterpolator
from scipy.signal import find_peaks, peak_prominences, peak_widths, savgol_filter

assert scipy.__version__ == "1.10.1", scipy.__version__
assert np.__version__ == "1.24.2", np.__version__

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data")
OUT = os.path.join(ROOT, "test", "golden")


class Golden:
    def __init__(self, name):
        self.path = os.path.join(OUT, name)
        self.records = []
        self.cases = 0

    def put(self, name, values):
        a = np.ascontiguousarray(np.asarray(values, dtype="<f8").ravel())
        self.records.append((name, a))

    def write(self):
        with open(self.path, "wb") as f:
            f.write(b"GSGOLD1\n")
            for name, a in self.records:
                nb = name.encode("ascii")
                f.write(struct.pack("<I", len(nb)))
                f.write(nb)
                f.write(struct.pack("<Q", a.size))
                f.write(a.tobytes())
        print(f"{self.path}: {len(self.records)} arrays, {os.path.getsize(self.path)} bytes")


def read_rruff(path):
    xs, ys = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("##"):
                continue
            a, b = line.split(",")[:2]
            xs.append(float(a))
            ys.append(float(b))
    x, y = np.array(xs), np.array(ys)
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    keep = np.concatenate([[True], np.diff(x) > 0])
    return x[keep], y[keep]


def read_column(path):
    with open(path) as f:
        next(f)
        return np.array([float(v) for v in f.read().split()])


def read_usgs(row):
    y = read_column(os.path.join(DATA, "usgs_splib07", row["file"]))
    x = read_column(os.path.join(DATA, "usgs_splib07", row["wavelength_file"]))
    good = y > -1e30
    x, y = x[good], y[good]
    order = np.argsort(x, kind="stable")
    x, y = x[order], y[order]
    keep = np.concatenate([[True], np.diff(x) > 0])
    return x[keep], y[keep]


def rows(folder):
    with open(os.path.join(DATA, folder, "index.csv"), newline="") as f:
        return sorted(csv.DictReader(f), key=lambda r: r["file"])


def real_spectra(count_raman, count_ir, count_usgs, offset):
    """Deterministic picks spread over each folder; offset varies the picks per topic."""
    out = []
    for folder, count in (("rruff_raman_excellent_unoriented", count_raman), ("rruff_infrared", count_ir)):
        rs = [r for r in rows(folder) if "Processed" in r["file"]]
        for k in range(count):
            r = rs[(offset + k * len(rs) // count) % len(rs)]
            x, y = read_rruff(os.path.join(DATA, folder, r["file"]))
            out.append((os.path.basename(r["file"]), x, y))
    rs = [r for r in rows("usgs_splib07") if r["file"].startswith("splib07a/")]
    for k in range(count_usgs):
        r = rs[(offset + k * len(rs) // count_usgs) % len(rs)]
        x, y = read_usgs(r)
        out.append((os.path.basename(r["file"]), x, y))
    return out


def window(x, y, length):
    if x.size <= length:
        return x, y
    start = x.size // 3
    return x[start:start + length], y[start:start + length]


def synthetic(n, seed, uneven=True):
    rng = np.random.default_rng(seed)
    if uneven:
        x = np.cumsum(rng.uniform(0.5, 1.5, n)) + 400
    else:
        x = 400 + 0.5 * np.arange(n)
    t = (x - x[0]) / (x[-1] - x[0])
    y = (np.exp(-((t - 0.3) / 0.05) ** 2) + 0.6 * np.exp(-((t - 0.7) / 0.02) ** 2)
         + 0.1 * np.sin(9 * t) + 0.02 * rng.standard_normal(n))
    return x, y


INTERP = {
    "cubic": lambda x, y: CubicSpline(x, y),
    "natural": lambda x, y: CubicSpline(x, y, bc_type="natural"),
    "pchip": lambda x, y: PchipInterpolator(x, y),
    "akima": lambda x, y: Akima1DInterpolator(x, y),
    "linear": lambda x, y: (lambda xt: np.interp(xt, x, y)),
}


def gen_interp():
    g = Golden("std_a_interp.bin")
    cases = []
    for n in (2, 3, 4, 5, 7):
        x, y = synthetic(n, 10 + n)
        cases.append((f"small{n}", x, y))
    x, y = synthetic(60, 1)
    cases.append(("smooth60", x, y))
    # flat runs, sign changes, equal slopes: the pchip / akima special cases
    xf = np.array([0., 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    yf = np.array([0., 0, 0, 1, 2, 3, 3, 3, 1, 1.5, 1.5, 0])
    cases.append(("flat12", xf, yf))
    for name, x, y in real_spectra(8, 6, 6, offset=3):
        xw, yw = window(x, y, 300)
        cases.append((name, xw, yw))
    for i, (name, x, y) in enumerate(cases):
        key = f"interp{i}"
        xt = np.linspace(x[0], x[-1], 4 * x.size + 7)
        xt = np.sort(np.concatenate([xt, x]))   # knots too
        g.put(f"{key}/x", x)
        g.put(f"{key}/y", y)
        g.put(f"{key}/xt", xt)
        for mi, (m, make) in enumerate(INTERP.items()):
            if m == "akima" and x.size < 3:
                continue
            g.put(f"{key}/{m}", make(x, y)(xt))
        g.cases += 1
    g.put("count", [g.cases])
    g.write()


def gen_savgol():
    g = Golden("std_a_savgol.bin")
    configs = [(11, 3, 0), (21, 2, 1), (7, 4, 2), (5, 0, 0), (31, 5, 1)]
    cases = []
    x, y = synthetic(200, 2, uneven=False)
    cases.append(("synthetic200", x, y))
    x, y = synthetic(31, 3, uneven=False)
    cases.append(("window_equals_n", x, y))
    for name, x, y in real_spectra(6, 5, 4, offset=11):
        xw, yw = window(x, y, 400)
        cases.append((name, xw, yw))
    for i, (name, x, y) in enumerate(cases):
        key = f"savgol{i}"
        delta = (x[-1] - x[0]) / (x.size - 1)
        g.put(f"{key}/y", y)
        g.put(f"{key}/delta", [delta])
        for c, (w, p, d) in enumerate(configs):
            g.put(f"{key}/cfg{c}", [w, p, d])
            g.put(f"{key}/out{c}", savgol_filter(y, w, p, deriv=d, delta=delta, mode="interp"))
        g.cases += 1
    g.put("count", [g.cases])
    g.put("configs", [len(configs)])
    g.write()


def gen_peaks():
    g = Golden("std_a_peaks.bin")
    cases = []
    yp = np.array([0., 1, 3, 3, 3, 1, 0, 2, 2, 5, 5, 5, 5, 2, 0, 4, 1, 4, 0, 3, 3])
    cases.append(("plateaus", np.arange(yp.size) * 2.0 + 100, yp, dict(), dict(distance=2)))
    x, y = synthetic(500, 4)
    cases.append(("synthetic500", x, y, dict(prominence=0.05), dict(prominence=0.05, distance=10, height=0.2)))
    for name, x, y in real_spectra(6, 5, 4, offset=7):
        xw, yw = window(x, y, 1500)
        span = yw.max() - yw.min()
        cases.append((name, xw, yw, dict(prominence=0.02 * span),
                      dict(prominence=0.05 * span, distance=5, height=float(np.median(yw)))))
    k = 0
    for name, x, y, *option_sets in cases:
        for opts in option_sets:
            key = f"peaks{k}"
            pk, _ = find_peaks(y, **opts)
            prom, lb, rb = peak_prominences(y, pk)
            w, wh, lip, rip = peak_widths(y, pk, rel_height=0.5, prominence_data=(prom, lb, rb))
            g.put(f"{key}/x", x)
            g.put(f"{key}/y", y)
            g.put(f"{key}/opts", [opts.get("height", np.nan), opts.get("prominence", np.nan),
                                  opts.get("distance", np.nan)])
            g.put(f"{key}/index", pk)
            g.put(f"{key}/prominence", prom)
            g.put(f"{key}/left_base", lb)
            g.put(f"{key}/right_base", rb)
            g.put(f"{key}/width_height", wh)
            g.put(f"{key}/left_ip", lip)
            g.put(f"{key}/right_ip", rip)
            g.put(f"{key}/left_x", np.interp(lip, np.arange(x.size), x))
            g.put(f"{key}/right_x", np.interp(rip, np.arange(x.size), x))
            k += 1
    g.put("count", [k])
    g.cases = k
    g.write()


def gen_misc():
    g = Golden("std_a_misc.bin")
    k = 0
    for name, x, y in real_spectra(3, 3, 2, offset=17):
        xw, yw = window(x, y, 500)
        key = f"misc{k}"
        g.put(f"{key}/x", xw)
        g.put(f"{key}/y", yw)
        d1 = np.gradient(yw, xw)
        g.put(f"{key}/gradient1", d1)
        g.put(f"{key}/gradient2", np.gradient(d1, xw))
        g.put(f"{key}/minmax", (yw - yw.min()) / (yw.max() - yw.min()))
        g.put(f"{key}/area", yw / abs(np.trapz(yw, xw)))
        g.put(f"{key}/vector", yw / np.linalg.norm(yw))
        g.put(f"{key}/snv", (yw - yw.mean()) / yw.std())
        g.put(f"{key}/max", yw / np.abs(yw).max())
        k += 1
    g.put("count", [k])
    # axis calibration fits: numpy.polyfit, coefficients stored ascending
    rng = np.random.default_rng(5)
    fits = 0
    for deg, n in ((1, 5), (2, 8), (3, 12), (2, 3)):
        measured = np.sort(rng.uniform(200, 1800, n))
        true = [3.0, 0.998, 2e-6, -1e-10][:deg + 1]
        reference = sum(c * measured ** p for p, c in enumerate(true)) + rng.normal(0, 0.05, n)
        g.put(f"fit{fits}/measured", measured)
        g.put(f"fit{fits}/reference", reference)
        g.put(f"fit{fits}/degree", [deg])
        g.put(f"fit{fits}/coeffs", np.polyfit(measured, reference, deg)[::-1])
        fits += 1
    g.put("fits", [fits])
    g.write()


def main():
    if not os.path.isdir(DATA):
        sys.exit(f"no data folder at {DATA}")
    os.makedirs(OUT, exist_ok=True)
    gen_interp()
    gen_savgol()
    gen_peaks()
    gen_misc()


if __name__ == "__main__":
    main()
