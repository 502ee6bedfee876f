#!/usr/bin/python3
"""Library and queries for scripts/bench_search, and the numpy baseline.

Reads the RRUFF Raman spectra (##KEY=VALUE header lines, then "x, y" lines,
Raman shift in cm-1), resamples each onto 2,500 evenly spaced points over its
own range (numpy.interp), and writes N library rows and Q query rows as COPY
BINARY files (columns id int, base int, s spectrum).  Row i is base spectrum
i mod B with these perturbations, drawn from a seeded generator:
  - axis shift: the whole axis moved by U(-3, 3) cm-1;
  - multiplicative noise: every value times (1 + 0.02 N(0, 1));
  - baseline tilt: plus t * (x - x0) / (x1 - x0) * mean|y|, t ~ U(-0.1, 0.1).
Queries are fresh perturbations of random base spectra.  Then it times the
numpy brute force on the same N x 2,500 matrix held in memory: cosine of the
query's values against every row by one matrix-vector product (rows compared
position by position, ignoring their axis shifts), top 10 by argpartition.

  bench_search_gen.py SPECTRA_DIR N Q OUT_DIR
"""
import glob
import os
import struct
import sys
import time

import numpy as np

POINTS = 2500
UNIT_RAMAN = 3  # gs_unit order in src/core/units.h


def read_rruff(path):
    xs, ys = [], []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("##"):
                continue
            parts = line.split(",")
            if len(parts) != 2:
                continue
            try:
                x, y = float(parts[0]), float(parts[1])
            except ValueError:
                continue
            if xs and x <= xs[-1]:
                continue
            xs.append(x)
            ys.append(y)
    return np.array(xs), np.array(ys)


def bases(spectra_dir):
    starts, steps, ys = [], [], []
    for path in sorted(glob.glob(os.path.join(spectra_dir, "*.txt"))):
        x, y = read_rruff(path)
        if len(x) < 100 or not np.all(np.isfinite(y)):
            continue
        grid = np.linspace(x[0], x[-1], POINTS)
        starts.append(x[0])
        steps.append((x[-1] - x[0]) / (POINTS - 1))
        ys.append(np.interp(grid, x, y))
    return np.array(starts), np.array(steps), np.array(ys, dtype=np.float64)


def perturb(rng, starts, steps, ys, base):
    n = len(base)
    shift = rng.uniform(-3, 3, n)
    noise = 1 + 0.02 * rng.standard_normal((n, POINTS))
    tilt = rng.uniform(-0.1, 0.1, n)
    ramp = np.linspace(0, 1, POINTS)
    y = ys[base] * noise + (tilt * np.abs(ys[base]).mean(axis=1))[:, None] * ramp[None, :]
    return starts[base] + shift, steps[base], y.astype(np.float32)


ROW = np.dtype([("nf", ">i2"), ("l1", ">i4"), ("id", ">i4"), ("l2", ">i4"), ("base", ">i4"),
                ("l3", ">i4"), ("ver", "u1"), ("unit", "u1"), ("flags", "u1"), ("res", "u1"),
                ("n", ">u4"), ("laser", ">f8"), ("start", ">f8"), ("step", ">f8"),
                ("y", ">f4", (POINTS,))])


def write_copy(path, ids, base, start, step, y):
    rows = np.zeros(len(ids), dtype=ROW)
    rows["nf"] = 3
    rows["l1"] = 4
    rows["id"] = ids
    rows["l2"] = 4
    rows["base"] = base
    rows["l3"] = 32 + 4 * POINTS
    rows["ver"] = 1
    rows["unit"] = UNIT_RAMAN
    rows["n"] = POINTS
    rows["start"] = start
    rows["step"] = step
    rows["y"] = y
    with open(path, "wb") as f:
        f.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0))
        f.write(rows.tobytes())
        f.write(struct.pack(">h", -1))


def main():
    spectra_dir, n, q, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    rng = np.random.default_rng(20261125)
    starts, steps, ys = bases(spectra_dir)
    nb = len(ys)
    chunk = 10000
    lib = np.empty((n, POINTS), dtype=np.float32)
    with open(os.path.join(out, "lib.copy"), "wb") as f:
        f.write(b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0))
        for lo in range(0, n, chunk):
            ids = np.arange(lo, min(lo + chunk, n))
            base = ids % nb
            s, st, y = perturb(rng, starts, steps, ys, base)
            lib[ids] = y
            rows = np.zeros(len(ids), dtype=ROW)
            rows["nf"], rows["l1"], rows["id"], rows["l2"], rows["base"] = 3, 4, ids, 4, base
            rows["l3"], rows["ver"], rows["unit"], rows["n"] = 32 + 4 * POINTS, 1, UNIT_RAMAN, POINTS
            rows["start"], rows["step"], rows["y"] = s, st, y
            f.write(rows.tobytes())
        f.write(struct.pack(">h", -1))
    qbase = rng.integers(0, nb, q)
    qs, qst, qy = perturb(rng, starts, steps, ys, qbase)
    write_copy(os.path.join(out, "queries.copy"), np.arange(q), qbase, qs, qst, qy)

    # numpy brute force: cosine by one matrix-vector product, top 10
    norms = np.linalg.norm(lib, axis=1)
    times = []
    for i in range(q):
        t0 = time.perf_counter()
        sims = lib @ qy[i] / (norms * np.linalg.norm(qy[i]))
        top = np.argpartition(-sims, 10)[:10]
        top = top[np.argsort(-sims[top])]
        times.append(time.perf_counter() - t0)
    print(f"bases {nb}, library {n} x {POINTS} float32 ({lib.nbytes / 2**20:.0f} MiB), queries {q}")
    print(f"numpy_ms {1000 * np.median(times):.2f}")


if __name__ == "__main__":
    main()
