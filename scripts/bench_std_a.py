#!/usr/bin/python3
"""The part-A chain of scripts/bench_std_a.c with scipy 1.10.1 / numpy 1.24.2:
CubicSpline onto a 1 cm-1 grid, savgol_filter(11, 3), SNV, find_peaks
(prominence 0.5) + peak_prominences + peak_widths, numpy.gradient.

  /usr/bin/python3 scripts/bench_std_a.py ../shared/data 300
"""
import csv
import os
import sys
import time

import numpy as np
from scipy.interpolate import CubicSpline
from scipy.signal import find_peaks, peak_prominences, peak_widths, savgol_filter


def read_rruff(path):
    pts = [l.split(",") for l in open(path, errors="replace") if not l.startswith("#") and "," in l]
    a = np.array([[float(u), float(v)] for u, v, *_ in pts])
    return a[:, 0], a[:, 1]


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    folder = os.path.join(data, "rruff_raman_excellent_unoriented")
    spectra = []
    with open(os.path.join(folder, "index.csv"), newline="") as f:
        for row in csv.DictReader(f):
            x, y = read_rruff(os.path.join(folder, row["file"]))
            if 20 < x.size < 5000:
                spectra.append((x, y))
            if len(spectra) == limit:
                break
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    total = 0
    t0 = time.process_time()
    for _ in range(reps):
        for x, y in spectra:
            grid = np.arange(np.ceil(x[0]), np.floor(x[-1]) + 1e-9, 1.0)
            a = CubicSpline(x, y)(grid)
            b = savgol_filter(a, 11, 3, mode="interp")
            b = (b - b.mean()) / b.std()
            pk, _ = find_peaks(b, prominence=0.5)
            prom = peak_prominences(b, pk)
            peak_widths(b, pk, rel_height=0.5, prominence_data=prom)
            np.gradient(b, grid)
            total += pk.size
    elapsed = time.process_time() - t0
    print(f"scipy chain: {len(spectra)} spectra x {reps} reps, "
          f"{1e3 * elapsed / (len(spectra) * max(reps, 1)):.3f} ms per spectrum, {total // max(reps, 1)} peaks per pass")


if __name__ == "__main__":
    main()
