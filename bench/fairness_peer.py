#!/usr/bin/env python3
"""Peer for bench/fairness_credit.sh: the same fairness audit in numpy + scikit-learn.

fairlearn (MetricFrame with n_boot) is not installable on the build machine, so this is the
straightforward numpy/scikit-learn program a Python user would write for the same job: for each
attribute (X2, X2 x X3, X2 x X4 of credit_default_taiwan), per-group selection rate, TPR, FPR,
precision, accuracy, ROC AUC (sklearn.metrics.roc_auc_score), base rate, mean score, calibration
gap and Brier score; demographic parity difference/ratio, equal opportunity, FPR and equalized odds
differences and the disparate-impact ratio; and 1000 group-stratified bootstrap resamples of all of
them with 2.5/97.5 percentiles. Usage: fairness_peer.py MIRROR WARMUP REPEATS [ROUNDS]
"""
import gzip
import sys
import time

import numpy as np
from sklearn.metrics import roc_auc_score


def load(mirror):
    with gzip.open(mirror + "/credit_default_taiwan/UCI_Credit_Card.csv.gz", "rt") as f:
        header = f.readline().strip().split(",")
        data = np.loadtxt(f, delimiter=",")
    col = {h: data[:, i] for i, h in enumerate(header)}
    z = -1.0 + 0.9 * col["X6"] - 2.0e-6 * col["X1"]
    s = 0.5 + 0.5 * z / (1.0 + np.abs(z))
    return col["Y"].astype(int), s, col


def group_values(y, s, yhat):
    n = len(y)
    pos = y.sum(); neg = n - pos; pp = yhat.sum()
    tp = (y & yhat).sum(); fp = ((1 - y) & yhat).sum()
    nan = float("nan")
    auc = roc_auc_score(y, s) if 0 < pos < n else nan
    return [pp / n, tp / pos if pos else nan, fp / neg if neg else nan, tp / pp if pp else nan,
            (y == yhat).mean(), auc, pos / n, s.mean(), s.mean() - pos / n, ((y - s) ** 2).mean()]


def summaries(values):
    sr = values[:, 0]; tpr = values[:, 1]; fpr = values[:, 2]
    def diff(v):
        v = v[~np.isnan(v)]
        return v.max() - v.min() if len(v) >= 2 else float("nan")
    dpd = diff(sr)
    dpr = np.nanmin(sr) / np.nanmax(sr) if np.nanmax(sr) > 0 else float("nan")
    eo = max(diff(tpr), diff(fpr))
    return [dpd, dpr, diff(tpr), diff(fpr), eo, dpr]  # DI vs the highest-rate group = DP ratio


def audit(y, s, keys, rounds, rng):
    yhat = (s > 0.5).astype(int)
    groups = [np.flatnonzero(keys == k) for k in np.unique(keys)]
    def stats(idx_list):
        vals = np.array([group_values(y[i], s[i], yhat[i]) for i in idx_list])
        return np.concatenate([vals.ravel(), summaries(vals)])
    point = stats(groups)
    reps = np.empty((rounds, len(point)))
    for b in range(rounds):
        reps[b] = stats([g[rng.integers(0, len(g), len(g))] for g in groups])
    ci = np.nanpercentile(reps, [2.5, 97.5], axis=0)
    return point, ci


def main():
    mirror, warmup, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 1000
    y, s, col = load(mirror)
    sex = col["X2"].astype(int).astype(str)
    attrs = {"X2": sex,
             "X2 × X3": np.char.add(np.char.add(sex, "|"), col["X3"].astype(int).astype(str)),
             "X2 × X4": np.char.add(np.char.add(sex, "|"), col["X4"].astype(int).astype(str))}
    times = []
    for r in range(-warmup, repeats):
        t0 = time.perf_counter()
        rng = np.random.default_rng(1)
        out = {a: audit(y, s, k, rounds, rng) for a, k in attrs.items()}
        dt = time.perf_counter() - t0
        if r >= 0:
            times.append(dt)
            print("peer run %d: %.1f ms" % (r + 1, dt * 1000))
    print("peer median: %.1f ms" % (1000 * sorted(times)[len(times) // 2]))
    for a, (point, ci) in out.items():
        print("peer %s: DP diff %.12f, EO diff %.12f, DI %.12f [%.4f, %.4f]"
              % (a, point[-6], point[-2], point[-1], ci[0][-1], ci[1][-1]))


if __name__ == "__main__":
    main()
