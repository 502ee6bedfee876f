"""The Python side of scripts/bench_load.

load: the loader gs-load is compared with, written the way a lab would
  script it: walk the folder, parse each RRUFF text file with numpy, build
  the spectrum's text form, INSERT the rows with psycopg2's executemany,
  committing every 2,000 files as gs-load batches them.  The table is the one
  `gs-load --create` makes.
synth: N small RRUFF-format files made from real ones: a random window of
  POINTS consecutive points of a random real spectrum, every value scaled by
  1 + 1 % Gaussian noise (fixed seed, so runs compare).

usage: bench_load.py load CONNINFO TABLE FOLDER   -> prints "files spectra bytes seconds"
       bench_load.py synth REAL_FOLDER OUT_FOLDER N [POINTS]
"""
import json
import os
import sys
import time

import numpy as np
import psycopg2

COMMIT_EVERY = 2000


def rruff_file(path):
    """Header dict and the x, y columns of one RRUFF file."""
    meta = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("##"):
                key, _, value = line[2:].partition("=")
                if key.strip() != "END":
                    meta[key.strip()] = value.strip()
    data = np.loadtxt(path, delimiter=",", comments="##", ndmin=2)
    return meta, data[:, 0], data[:, 1].astype(np.float32)


def laser_of(name):
    """RRUFF names carry the laser: Mineral__R050145__Raman__532__..."""
    parts = name.split("__")
    try:
        return float(parts[3])
    except (IndexError, ValueError):
        return None


def spectrum_text(x, y, laser):
    laser_part = '"laser_nm":%r,' % laser if laser else ""
    return '{"unit":"raman_cm-1",%s"x":[%s],"y":[%s]}' % (
        laser_part, ",".join(map(repr, x.tolist())), ",".join(map(repr, y.tolist())))


def synth(real, out, n, points):
    rng = np.random.default_rng(20261125)
    sources = sorted(os.path.join(real, f) for f in os.listdir(real))
    parsed = {}
    for i in range(n):
        path = sources[rng.integers(len(sources))]
        if path not in parsed:
            parsed[path] = rruff_file(path)
        meta, x, y = parsed[path]
        start = rng.integers(max(1, len(x) - points))
        xs, ys = x[start:start + points], y[start:start + points] * (1 + 0.01 * rng.standard_normal(min(points, len(x))))
        sub = os.path.join(out, "%03d" % (i // 1000))
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, "%s__synth%06d.txt" % (os.path.basename(path)[:-4], i)), "w") as f:
            f.writelines("##%s=%s\n" % kv for kv in meta.items())
            f.writelines("%.4f, %.6g\n" % xy for xy in zip(xs, ys))
            f.write("##END=\n")


def load(conninfo, table, folder):
    paths = sorted(os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs)
    conn = psycopg2.connect(conninfo)
    cur = conn.cursor()
    sql = "INSERT INTO %s (spectrum, sample, mineral, meta, source) VALUES (%%s::spectrum, %%s, %%s, %%s, %%s)" % table
    start = time.monotonic()
    rows, spectra, size = [], 0, 0
    for i, path in enumerate(paths, 1):
        meta, x, y = rruff_file(path)
        size += os.path.getsize(path)
        rows.append((spectrum_text(x, y, laser_of(os.path.basename(path))),
                     meta.get("RRUFFID"), meta.get("NAMES"), json.dumps(meta), path))
        if i % COMMIT_EVERY == 0 or i == len(paths):
            cur.executemany(sql, rows)
            conn.commit()
            spectra += len(rows)
            rows = []
    print(len(paths), spectra, size, time.monotonic() - start)


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(*sys.argv[2:5])
    else:
        synth(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]) if len(sys.argv) > 5 else 64)
