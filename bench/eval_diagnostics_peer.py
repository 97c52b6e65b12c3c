#!/usr/bin/python3
"""The Python side of bench/eval_diagnostics.sh: the same suite, sizes and stand-in models with
the usual Python tools, for a side-by-side timing.

  * residuals: numpy percentiles / histogram / 20 quantile bins of the prediction and of each
    feature, and statsmodels' het_breuschpagan;
  * calibration: sklearn.calibration.calibration_curve, ECE with 1000 numpy bootstrap resamples;
  * threshold table: sklearn.metrics.confusion_matrix at 19 thresholds + precision_recall_curve;
  * Sobol': SALib is not installable here (no network), so the Saltelli/Jansen estimators of
    SALib's sobol.analyze are written out in numpy over scipy.stats.qmc.Sobol points (same N,
    same 1000 bootstrap rounds) -- the vectorised numpy form SALib uses;
  * ICE: sklearn.inspection.partial_dependence(kind='both', grid_resolution=20) on 100 sampled
    rows, with the stand-in model as a LinearRegression whose coefficients are set, or wrapped
    in a logistic for the binary case.
Usage: eval_diagnostics_peer.py WARMUPS REPEATS
"""

import sys
import time
import warnings

import numpy as np
from scipy.stats import qmc
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.calibration import calibration_curve
from sklearn.inspection import partial_dependence
from sklearn.metrics import confusion_matrix, precision_recall_curve
from statsmodels.stats.diagnostic import het_breuschpagan

warnings.filterwarnings("ignore")
ROWS, FEATURES = 30_000, 20


class Linear(RegressorMixin, BaseEstimator):
    def __init__(self, w=None):
        self.w = w

    def fit(self, X, y=None):
        self.fitted_ = True
        return self

    def predict(self, X):
        return 0.3 + np.asarray(X) @ self.w


class Logistic(ClassifierMixin, BaseEstimator):
    def __init__(self, w=None):
        self.w = w

    def fit(self, X, y=None):
        self.classes_ = np.array([0, 1])
        self.fitted_ = True
        return self

    def predict_proba(self, X):
        p = 1 / (1 + np.exp(-(0.3 + np.asarray(X) @ self.w - 1.5)))
        return np.column_stack([1 - p, p])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] > 0.5).astype(int)


def binned(v, r, bins=20):
    u = np.unique(v)
    if u.size <= bins:
        idx = np.searchsorted(u, v)
        nb = u.size
    else:
        edges = np.unique(np.percentile(v, np.linspace(0, 100, bins + 1)))
        idx = np.searchsorted(edges[1:-1], v, side="right")
        nb = edges.size - 1
    order = np.argsort(idx, kind="stable")
    splits = np.searchsorted(idx[order], np.arange(1, nb))
    out = []
    for part in np.split(r[order], splits):
        if part.size:
            out.append((part.mean(), part.std(), np.percentile(part, [5, 25, 50, 75, 95])))
    return out


def residual_suite(y, yhat, x):
    r = y - yhat
    np.percentile(r, [1, 5, 10, 25, 50, 75, 90, 95, 99])
    np.histogram(r, bins=30)
    binned(yhat, r)
    for j in range(x.shape[1]):
        binned(x[:, j], r)
    order = np.lexsort((np.arange(r.size), -np.abs(r)))[:20]
    exog = np.column_stack([np.ones(r.size), x])
    return het_breuschpagan(r, exog), order


def calibration_suite(label, p, rng):
    calibration_curve(label, p, n_bins=10, strategy="uniform")
    edges = np.linspace(0, 1, 11)
    binids = np.searchsorted(edges[1:-1], p)

    def ece(idx):
        t = np.bincount(binids[idx], minlength=10)
        s = np.bincount(binids[idx], weights=p[idx], minlength=10)
        h = np.bincount(binids[idx], weights=label[idx], minlength=10)
        nz = t > 0
        return np.sum(np.abs(h[nz] - s[nz])) / idx.size

    e = ece(np.arange(p.size))
    reps = [ece(rng.integers(0, p.size, p.size)) for _ in range(1000)]
    return e, np.percentile(reps, [2.5, 97.5])


def threshold_suite(label, p):
    rows = []
    for k in range(1, 20):
        rows.append(confusion_matrix(label, (p >= k / 20).astype(int), labels=[0, 1]).ravel())
    prec, rec, thr = precision_recall_curve(label, p)
    f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-300), 0)
    return rows, thr[np.argmax(f1[:-1])]


def sobol_suite(f, x, rng, n=4096, rounds=1000):
    d = x.shape[1]
    srt = np.sort(x, axis=0)
    u = (qmc.Sobol(2 * d, scramble=False).random(n) + rng.random(2 * d)) % 1
    idx = np.minimum((u * x.shape[0]).astype(int), x.shape[0] - 1)
    a = srt[idx[:, :d], np.arange(d)]
    b = srt[idx[:, d:], np.arange(d)]
    fa, fb = f(a), f(b)
    fab = np.empty((d, n))
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        fab[i] = f(ab)

    def est(k):
        ya, yb, yab = fa[k], fb[k], fab[:, k]
        f0 = np.r_[ya, yb].mean()
        v = np.r_[ya, yb].var()
        s1 = np.mean((yb - f0) * (yab - ya), axis=1) / v
        st = 0.5 * np.mean((ya - yab) ** 2, axis=1) / v
        return s1, st

    point = est(np.arange(n))
    boot = [est(rng.integers(0, n, n)) for _ in range(rounds)]
    s1 = np.array([b[0] for b in boot])
    st = np.array([b[1] for b in boot])
    return point, np.percentile(s1, [2.5, 97.5], axis=0), np.percentile(st, [2.5, 97.5], axis=0)


def ice_suite(est, x, rng):
    rows = np.sort(rng.choice(x.shape[0], 100, replace=False))
    out = []
    for j in range(x.shape[1]):
        out.append(partial_dependence(est, x[rows], [j], kind="both", grid_resolution=20,
                                      percentiles=(0.05, 0.95)))
    return out


def main():
    warmups = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rng = np.random.default_rng(42)
    x = np.column_stack(
        [rng.normal(size=ROWS) for _ in range(10)]
        + [10 * rng.random(ROWS) for _ in range(5)]
        + [rng.integers(0, 2, ROWS).astype(float) for _ in range(3)]
        + [np.exp(rng.normal(size=ROWS)) for _ in range(2)]
    ).astype(np.float32).astype(np.float64)
    w = rng.normal(size=FEATURES) / np.sqrt(FEATURES)
    lin = Linear(w).fit(x)
    logi = Logistic(w).fit(x)
    yhat = lin.predict(x)
    y = yhat + rng.normal(size=ROWS) * (0.5 + 0.2 * np.abs(x[:, 0]))
    p = logi.predict_proba(x)[:, 1]
    label = (rng.random(ROWS) < 1 / (1 + np.exp(-0.8 * np.log(p / (1 - p))))).astype(int)
    prob = lambda a: logi.predict_proba(a)[:, 1]
    jobs = [
        ("regression: residual analysis", lambda: residual_suite(y, yhat, x)),
        ("regression: Sobol (N=4096)", lambda: sobol_suite(lin.predict, x, rng)),
        ("regression: ICE", lambda: ice_suite(lin, x, rng)),
        ("binary: calibration + bootstrap", lambda: calibration_suite(label, p, rng)),
        ("binary: threshold table", lambda: threshold_suite(label, p)),
        ("binary: Sobol (N=4096)", lambda: sobol_suite(prob, x, rng)),
        ("binary: ICE", lambda: ice_suite(logi, x, rng)),
    ]
    times = {name: [] for name, _ in jobs}
    for rnd in range(warmups + repeats):
        for name, job in jobs:
            t = time.perf_counter()
            job()
            if rnd >= warmups:
                times[name].append((time.perf_counter() - t) * 1000)
    print(f"{ROWS} rows x {FEATURES} features, {warmups} warm-up + {repeats} counted rounds")
    print(f"{'component':34s} {'median_ms':>10s}")
    reg = np.zeros(repeats)
    binary = np.zeros(repeats)
    for name, _ in jobs:
        v = np.array(times[name])
        if name.startswith("regression"):
            reg += v
        else:
            binary += v
        print(f"{name:34s} {np.median(v):10.1f}")
    print(f"{'suite: regression (total)':34s} {np.median(reg):10.1f}")
    print(f"{'suite: binary (total)':34s} {np.median(binary):10.1f}")


if __name__ == "__main__":
    main()
