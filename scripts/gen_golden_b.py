#!/usr/bin/python3
"""Golden files for the standardization core, part B: wavelets, denoising,
SNR and baselines (src/core/wavelet.c, denoise.c, snr.c, baseline*.c).

Run from the repository root with Debian's python3 (numpy 1.24.2,
scipy 1.10.1, PyWavelets 1.1.1):

    /usr/bin/python3 scripts/gen_golden_b.py [path/to/shared/data]

The data folder defaults to ../shared/data.  Writes test/golden/wavelet_b.bin,
denoise_b.bin and baseline_b.bin, each a sequence of named records (format in
test/unit/golden_records.h):

    "GSG1", then per record: u16 name length, name, u8 type ('d' float64,
    'f' float32, 'i' int32), u32 count, count values; all little-endian.

The references are PyWavelets itself for the transforms and thresholding,
and plain numpy/scipy transcriptions of the papers for the rest (one
function each below, written from the paper, not from the C code).  Inputs
are stored with the outputs, so the C tests need neither Python nor the data.
Real spectra are read from RRUFF Raman, RRUFF infrared and USGS splib07;
their inputs and reference outputs are stored as float32 (compared at a
tolerance far above float32 rounding).
"""
import csv
import os
import struct
import sys

import numpy as np
import pywt
import scipy
import scipy.ndimage
import scipy.sparse
import scipy.sparse.linalg

assert pywt.__version__ == "1.1.1", pywt.__version__
assert np.__version__ == "1.24.2", np.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__

WAVELETS = (["haar"] + ["db%d" % i for i in range(1, 21)]
            + ["sym%d" % i for i in range(2, 21)]
            + ["coif%d" % i for i in range(1, 18)])
RULES = ["universal", "bayes", "sure"]
MODES = ["soft", "hard", "garrote"]
METHODS = ["morph", "als", "arpls", "airpls", "snip", "modpoly", "imodpoly", "rubberband"]
EPS = np.finfo(float).eps


class Records:
    def __init__(self):
        self.parts = [b"GSG1"]

    def add(self, name, values, kind="d"):
        values = np.atleast_1d(np.asarray(values))
        fmt = {"d": "<f8", "f": "<f4", "i": "<i4"}[kind]
        data = values.astype(fmt).tobytes()
        nb = name.encode()
        self.parts.append(struct.pack("<H", len(nb)) + nb + kind.encode()
                          + struct.pack("<I", values.size) + data)

    def write(self, path):
        with open(path, "wb") as f:
            f.write(b"".join(self.parts))
        sys.stderr.write("wrote %s (%d bytes)\n" % (path, os.path.getsize(path)))


# ---------------------------------------------------------------- denoising

def sigma_mad(detail):
    return np.median(np.abs(detail)) / 0.6745


def sure_threshold(d, sigma):
    """Hybrid SureShrink (Donoho & Johnstone 1995), in units of sigma."""
    x = d / sigma
    m = x.size
    universal = np.sqrt(2 * np.log(m))
    s = x * x
    eta = (s.sum() - m) / m
    crit = np.log2(m) ** 1.5 / np.sqrt(m)
    if eta < crit:
        return universal
    s = np.sort(s)
    k = np.arange(1, m + 1)
    risk = (m - 2 * k + np.cumsum(s) + (m - k) * s) / m
    t = np.sqrt(s[np.argmin(risk)])
    return min(t, universal)


def denoise(y, wavelet, level, rule, mode):
    n = y.size
    coeffs = pywt.wavedec(y, wavelet, mode="symmetric", level=level)
    sigma = sigma_mad(coeffs[-1])
    out = [coeffs[0]]
    for d in coeffs[1:]:
        if sigma == 0:
            out.append(d)
            continue
        if rule == "universal":
            t = sigma * np.sqrt(2 * np.log(n))
        elif rule == "bayes":       # skimage's _bayes_thresh
            t = sigma ** 2 / np.sqrt(max(np.mean(d * d) - sigma ** 2, EPS))
        else:
            t = sigma * sure_threshold(d, sigma)
        out.append(pywt.threshold(d, t, mode=mode))
    return pywt.waverec(out, wavelet, mode="symmetric")[:n]


def moving_average(y, w):
    h = w // 2
    c = np.concatenate([[0.0], np.cumsum(y)])
    i = np.arange(y.size)
    lo = np.maximum(i - h, 0)
    hi = np.minimum(i + h + 1, y.size)
    return (c[hi] - c[lo]) / (hi - lo)


def to_db(power, sigma):
    if not power > 0:
        return -60.0
    if not sigma > 0:
        return 150.0
    return float(np.clip(10 * np.log10(power / sigma ** 2), -60, 150))


def snr(y):
    d = pywt.dwt(y, "sym4", mode="symmetric")[1]
    return to_db(np.var(moving_average(y, 11)), sigma_mad(d))


def snr_features(y, windows=(5, 11, 21, 41)):
    out = []
    for w in windows:
        s = moving_average(y, w)
        r = y - s
        out.append(to_db(np.var(s), 1.4826 * np.median(np.abs(r - np.median(r)))))
    return out


def auto_level(snr_db, max_level):
    for lv, lim in ((1, 40), (2, 30), (3, 20), (4, 12), (5, 6)):
        if snr_db >= lim:
            return min(lv, max_level)
    return min(6, max_level)


# ---------------------------------------------------------------- baselines

def whittaker(w, y, lam):
    n = y.size
    D = scipy.sparse.diags([1, -2, 1], [0, 1, 2], shape=(n - 2, n))
    A = scipy.sparse.diags(w) + lam * (D.T @ D)
    return scipy.sparse.linalg.spsolve(A.tocsc(), w * y)


def rel_diff(old, new):
    return np.linalg.norm(new - old) / max(np.linalg.norm(old), EPS)


def als(y, lam=1e6, p=1e-2, max_iter=50, tol=1e-3):
    """Eilers & Boelens 2005."""
    w = np.ones_like(y)
    for _ in range(max_iter + 1):
        z = whittaker(w, y, lam)
        wn = np.where(y > z, p, 1 - p)
        if rel_diff(w, wn) < tol:
            break
        w = wn
    return z


def arpls(y, lam=1e5, max_iter=50, tol=1e-3):
    """Baek, Park, Ahn & Choo 2015."""
    w = np.ones_like(y)
    for _ in range(max_iter + 1):
        z = whittaker(w, y, lam)
        d = y - z
        dn = d[d < 0]
        if dn.size < 2:
            break
        m, s = dn.mean(), dn.std(ddof=1)
        if not s > 0:
            break
        with np.errstate(over="ignore"):
            wn = 1 / (1 + np.exp(2 * (d - (2 * s - m)) / s))
        if rel_diff(w, wn) < tol:
            break
        w = wn
    return z


def airpls(y, lam=1e6, max_iter=50, tol=1e-3):
    """Zhang, Chen & Liang 2010."""
    w = np.ones_like(y)
    yl1 = np.abs(y).sum()
    for t in range(1, max_iter + 2):
        z = whittaker(w, y, lam)
        d = y - z
        neg = d < 0
        if neg.sum() < 2:
            break
        dl1 = abs(d[neg].sum())
        if dl1 / yl1 < tol:
            break
        w = np.where(neg, np.exp(np.minimum(t * np.abs(d) / dl1, 200.0)), 0.0)
    return z


def snip(y, max_half_window=40, lls=False):
    """Ryan, Clayton, Griffin, Sie & Cousens 1988."""
    n = y.size
    shift = y.min()
    v = np.log(np.log(np.sqrt(y - shift + 1) + 1) + 1) if lls else y.copy()
    for p in range(1, min(max_half_window, (n - 1) // 2) + 1):
        v[p:n - p] = np.minimum(v[p:n - p], (v[:n - 2 * p] + v[2 * p:]) / 2)
    if lls:
        v = (np.exp(np.exp(v) - 1) - 1) ** 2 - 1 + shift
    return v


def poly_fit_matrix(x, order):
    xs = 2 * (x - x[0]) / (x[-1] - x[0]) - 1
    V = np.polynomial.polynomial.polyvander(xs, order)
    return V, np.linalg.pinv(V)


def modpoly(x, y, poly_order=2, max_iter=250, tol=1e-3):
    """Lieber & Mahadevan-Jansen 2003."""
    V, P = poly_fit_matrix(x, poly_order)
    b = V @ (P @ y)
    cur = y.copy()
    for _ in range(max_iter):
        cur = np.minimum(cur, b)
        nb = V @ (P @ cur)
        change = rel_diff(b, nb)
        b = nb
        if change < tol:
            break
    return b


def imodpoly(x, y, poly_order=2, max_iter=250, tol=1e-3, num_std=1.0):
    """Zhao, Lui, McLean & Zeng 2007 (without the first-pass peak mask)."""
    V, P = poly_fit_matrix(x, poly_order)
    b = V @ (P @ y)
    cur = y.copy()
    dev = np.std(cur - b)
    for _ in range(max_iter):
        cur = np.minimum(cur, b + num_std * dev)
        b = V @ (P @ cur)
        nd = np.std(cur - b)
        change = abs(dev - nd) / max(nd, EPS)
        dev = nd
        if change < tol:
            break
    return b


def rubberband(x, y):
    """Lower convex hull (Andrew's monotone chain), linear in between."""
    hull = []
    for i in range(x.size):
        while len(hull) >= 2:
            o, a = hull[-2], hull[-1]
            cross = (x[a] - x[o]) * (y[i] - y[o]) - (y[a] - y[o]) * (x[i] - x[o])
            if cross > 0:
                break
            hull.pop()
        hull.append(i)
    return np.interp(x, x[hull], y[hull])


def morph(y, window):
    return scipy.ndimage.grey_opening(y, size=window, mode="reflect")


def morph_auto_window(y, reach=128):
    """Paper S10 as geospectra documents it (baseline.h)."""
    n = y.size
    cand = []
    for i in range(1, n - 1):
        if not (y[i] > y[i - 1] and y[i] >= y[i + 1]):
            continue
        bases = []
        for step in (-1, 1):
            base, j = y[i], i
            for _ in range(reach):
                if (step < 0 and j == 0) or (step > 0 and j == n - 1):
                    break
                j += step
                if y[j] > y[i]:
                    break
                base = min(base, y[j])
            bases.append(base)
        cand.append((y[i] - max(bases), i))
    # stable: equal prominences keep the earlier peak first, as the C insertion does
    cand.sort(key=lambda c: -c[0])
    widths = []
    for prom, i in cand[:3]:
        level = y[i] - prom / 2
        pos = []
        for step in (1, -1):
            j, found = i, None
            for _ in range(reach):
                if (step < 0 and j == 0) or (step > 0 and j == n - 1):
                    break
                nxt = j + step
                if y[nxt] <= level:
                    found = j + step * (y[j] - level) / (y[j] - y[nxt])
                    break
                j = nxt
            pos.append(found if found is not None else float(j))
        widths.append(pos[0] - pos[1])
    f = float(np.median(widths)) if widths else 0.0
    w = int(np.floor(1 + 2 * f + f * f / 20 + 0.5))
    if w % 2 == 0:
        w += 1
    return min(max(w, 5), 31)


def baseline(method, x, y, params):
    if method == "morph":
        w = params.get("window", 0) or morph_auto_window(y)
        return morph(y, w), w
    if method == "als":
        return als(y, **params), 0
    if method == "arpls":
        return arpls(y, **params), 0
    if method == "airpls":
        return airpls(y, **params), 0
    if method == "snip":
        return snip(y, **params), 0
    if method == "modpoly":
        return modpoly(x, y, **params), 0
    if method == "imodpoly":
        return imodpoly(x, y, **params), 0
    return rubberband(x, y), 0


# ---------------------------------------------------------------- inputs

def synthetic(n, seed, noise=0.02, slope=True):
    rng = np.random.default_rng(seed)
    t = np.linspace(0, 1, n)
    base = 0.5 + 0.8 * t - 0.6 * t ** 2 + (0.3 * np.sin(3 * t) if slope else 0)
    peaks = np.zeros(n)
    for c, h, wd in ((0.2, 1.0, 0.004), (0.45, 0.6, 0.01), (0.62, 2.0, 0.006), (0.8, 0.4, 0.02)):
        peaks += h * np.exp(-0.5 * ((t - c) / wd) ** 2)
    return base + peaks + noise * rng.standard_normal(n), base


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
    return np.array(xs), np.array(ys)


def read_usgs(path, wl_path):
    def values(p):
        with open(p) as f:
            next(f)
            return np.array([float(v) for v in f.read().split()])
    y, x = values(path), values(wl_path)
    good = y > -1e30
    return x[good], y[good]


def real_spectra(data):
    out = []
    for folder, pattern in (("rruff_raman_excellent_unoriented", None), ("rruff_infrared", "Processed/")):
        with open(os.path.join(data, folder, "index.csv")) as f:
            rows = [r for r in csv.DictReader(f) if r["x_strictly_increasing"] == "True"
                    and (pattern is None or r["file"].startswith(pattern))]
        rows.sort(key=lambda r: r["file"])
        for r in rows[::max(1, len(rows) // 12)][:12]:
            x, y = read_rruff(os.path.join(data, folder, r["file"]))
            out.append((folder + "/" + r["file"], x, y))
    with open(os.path.join(data, "usgs_splib07", "index.csv")) as f:
        rows = [r for r in csv.DictReader(f) if r["product"] == "splib07a"]
    rows.sort(key=lambda r: r["file"])
    for code, count in (("BECK", 6), ("ASDFR", 4), ("NIC4", 2)):
        sel = [r for r in rows if r["instrument"] == code]
        for r in sel[::max(1, len(sel) // count)][:count]:
            x, y = read_usgs(os.path.join(data, "usgs_splib07", r["file"]),
                             os.path.join(data, "usgs_splib07", r["wavelength_file"]))
            out.append(("usgs_splib07/" + r["file"], x, y))
    return out


# ---------------------------------------------------------------- files

def wavelet_file():
    rec = Records()
    rng = np.random.default_rng(1)
    x = rng.standard_normal(257) + np.linspace(0, 3, 257)
    rec.add("signal", x)
    for name in WAVELETS:
        level = pywt.dwt_max_level(x.size, pywt.Wavelet(name).dec_len)
        c = pywt.wavedec(x, name, mode="symmetric", level=level)
        rec.add(name + "/level", [level], "i")
        rec.add(name + "/coeffs", np.concatenate(c))
        rec.add(name + "/rec", pywt.waverec(c, name, mode="symmetric"))
    # short signals: the extension repeats when the filter outgrows the data
    for n, name in ((1, "haar"), (2, "db2"), (3, "sym4"), (5, "coif2"), (7, "db10"), (16, "coif5")):
        s = rng.standard_normal(n)
        ca, cd = pywt.dwt(s, name, mode="symmetric")
        rec.add("dwt/%s/%d/x" % (name, n), s)
        rec.add("dwt/%s/%d/ca" % (name, n), ca)
        rec.add("dwt/%s/%d/cd" % (name, n), cd)
        rec.add("dwt/%s/%d/rec" % (name, n), pywt.idwt(ca, cd, name, mode="symmetric"))
    # odd length, several levels: waverec gives n + 1 points
    s = rng.standard_normal(101)
    c = pywt.wavedec(s, "db3", mode="symmetric", level=3)
    rec.add("odd/x", s)
    rec.add("odd/coeffs", np.concatenate(c))
    rec.add("odd/rec", pywt.waverec(c, "db3", mode="symmetric"))
    ns = [1, 2, 3, 4, 7, 8, 15, 16, 100, 101, 1000, 4096, 100000]
    rec.add("max_level/n", ns, "i")
    for name in WAVELETS:
        rec.add("max_level/" + name, [pywt.dwt_max_level(n, pywt.Wavelet(name).dec_len) for n in ns], "i")
    v = np.linspace(-3, 3, 25)
    for mode in MODES:
        rec.add("threshold/" + mode, pywt.threshold(v, 1.1, mode=mode))
    rec.add("threshold/input", v)
    rec.write("test/golden/wavelet_b.bin")


def denoise_configs():
    wl = ["db4", "sym8", "haar", "coif3", "db20", "sym5"]
    k = 0
    for rule in RULES:
        for mode in MODES:
            yield rule, mode, wl[k % len(wl)], [1, 3, 0][k % 3]
            k += 1


def denoise_file(real):
    rec = Records()
    signals = [("syn_even", synthetic(1000, 7)[0]), ("syn_odd", synthetic(999, 8, noise=0.1)[0]),
               ("syn_quiet", synthetic(512, 9, noise=0.002)[0])]
    for sname, y in signals:
        rec.add(sname + "/y", y)
        rec.add(sname + "/snr", [snr(y)])
        rec.add(sname + "/features", snr_features(y))
        for rule, mode, wl, level in denoise_configs():
            lv = level or auto_level(snr(y), pywt.dwt_max_level(y.size, pywt.Wavelet(wl).dec_len))
            key = "%s/%s/%s/%s/%d" % (sname, rule, mode, wl, level)
            rec.add(key + "/level", [lv], "i")
            rec.add(key + "/out", denoise(y, wl, lv, rule, mode))
    configs = list(denoise_configs())
    rec.add("real/count", [len(real)], "i")
    for k, (name, x, y) in enumerate(real):
        y = y.astype(np.float32).astype(float)
        rule, mode, wl, _ = configs[k % len(configs)]
        lv = auto_level(snr(y), pywt.dwt_max_level(y.size, pywt.Wavelet(wl).dec_len))
        rec.add("real/%d/y" % k, y, "f")
        rec.add("real/%d/config" % k, [RULES.index(rule), MODES.index(mode), WAVELETS.index(wl), lv], "i")
        rec.add("real/%d/snr" % k, [snr(y)])
        rec.add("real/%d/features" % k, snr_features(y))
        rec.add("real/%d/out" % k, denoise(y, wl, lv, rule, mode), "f")
    rec.write("test/golden/denoise_b.bin")


SYN_PARAMS = [
    ("morph", {}), ("morph", {"window": 7}), ("morph", {"window": 8}), ("morph", {"window": 21}),
    ("als", {}), ("als", {"lam": 1e4, "p": 1e-3}), ("arpls", {}), ("arpls", {"lam": 1e7}),
    ("airpls", {}), ("airpls", {"lam": 1e4}), ("snip", {}), ("snip", {"max_half_window": 15, "lls": True}),
    ("modpoly", {}), ("modpoly", {"poly_order": 5}), ("imodpoly", {}),
    ("imodpoly", {"poly_order": 3, "num_std": 0.5}), ("rubberband", {}),
]
PARAM_KEYS = ["lam", "p", "max_iter", "tol", "poly_order", "num_std", "window", "max_half_window", "lls"]


def encode_params(params):
    """NaN = default; the C test maps the vector onto gs_baseline_params."""
    return [float(params[k]) if k in params else np.nan for k in PARAM_KEYS]


def baseline_file(real):
    rec = Records()
    rng = np.random.default_rng(3)
    y1, _ = synthetic(1000, 11)
    y2, _ = synthetic(777, 12, noise=0.05)
    x2 = np.cumsum(rng.uniform(0.5, 1.5, 777)) + 400.0
    for sname, x, y in (("syn_uniform", None, y1), ("syn_explicit", x2, y2)):
        rec.add(sname + "/y", y)
        if x is not None:
            rec.add(sname + "/x", x)
        xx = np.arange(y.size, dtype=float) if x is None else x
        for k, (method, params) in enumerate(SYN_PARAMS):
            b, w = baseline(method, xx, y, params)
            key = "%s/%d" % (sname, k)
            rec.add(key + "/method", [METHODS.index(method)], "i")
            rec.add(key + "/params", encode_params(params))
            rec.add(key + "/window", [w], "i")
            rec.add(key + "/out", b)
    rec.add("real/count", [len(real)], "i")
    for k, (name, x, y) in enumerate(real):
        x = x.astype(np.float32).astype(float)
        y = y.astype(np.float32).astype(float)
        rec.add("real/%d/x" % k, x, "f")
        rec.add("real/%d/y" % k, y, "f")
        methods = METHODS[0::2] if k % 2 == 0 else METHODS[1::2]
        for method in methods:
            b, w = baseline(method, x, y, {})
            rec.add("real/%d/%s" % (k, method), b, "f")
            if method == "morph":
                rec.add("real/%d/window" % k, [w], "i")
    rec.write("test/golden/baseline_b.bin")


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
    real = real_spectra(data)
    for name, x, y in real:
        assert np.all(np.diff(x.astype(np.float32)) > 0), name
    sys.stderr.write("%d real spectra, %d points in all\n" % (len(real), sum(r[1].size for r in real)))
    os.makedirs("test/golden", exist_ok=True)
    wavelet_file()
    denoise_file(real)
    baseline_file(real)


if __name__ == "__main__":
    main()
