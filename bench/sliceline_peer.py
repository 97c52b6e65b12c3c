#!/usr/bin/env python3
"""Peer for bench/eval_slices_leakage.sh: the Python `sliceline` package (DataDome; tested with the
source at commit 3516756 on numpy/scipy/scikit-learn from Debian 12) on the same encoded table as
Hone: every column already coded (level or quintile-bin index, -1 = missing), last column the 0/1
error. Same settings as Hone's defaults: alpha 0.95, k 10, at most 3 predicates, minimum support
max(32, ceil(n / 100)). One warm-up fit, then REPEATS timed fits; prints the median.
Usage: sliceline_peer.py CODES_CSV REPEATS
"""
import math
import sys
import time

import numpy as np
from sliceline.slicefinder import Slicefinder

path, repeats = sys.argv[1], int(sys.argv[2])
data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)
names = open(path).readline().strip().split(",")[:-1]
X, e = data[:, :-1], data[:, -1].astype(float)
n = X.shape[0]
sigma = max(32, math.ceil(n / 100))


def fit():
    return Slicefinder(alpha=0.95, k=10, max_l=3, min_sup=sigma, verbose=False).fit(X, e)


fit()
times = []
for _ in range(repeats):
    t = time.perf_counter()
    sf = fit()
    times.append(time.perf_counter() - t)
times.sort()
print("peer sliceline: median %.2f s over %d runs %s (n=%d, sigma=%d)"
      % (times[len(times) // 2], repeats, [round(x, 2) for x in times], n, sigma))
avg = e.mean()
for s in sf.top_slices_[:3]:
    mask = np.ones(n, dtype=bool)
    preds = []
    for j, v in enumerate(s):
        if v is not None:
            mask &= X[:, j] == v
            preds.append("%s=%s" % (names[j], v))
    size = int(mask.sum())
    score = 0.95 * ((e[mask].sum() / size) / avg - 1) - 0.05 * (n / size - 1)
    print("  %-40s size %d avg error %.4f score %.4f" % (" & ".join(preds), size, e[mask].mean(), score))
