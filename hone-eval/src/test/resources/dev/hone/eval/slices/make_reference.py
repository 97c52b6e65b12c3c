#!/usr/bin/python3
"""Writes reference_slices.json: seeded inputs and reference outputs for the slice and leakage tests.

Run from this directory with the system interpreter:

    /usr/bin/python3 make_reference.py

Oracles (versions recorded in the output):
  * Benjamini-Hochberg: statsmodels.stats.multitest.multipletests(p, alpha=q, method='fdr_bh');
  * pooled two-proportion z-test: statsmodels.stats.proportion.proportions_ztest;
  * Welch's t-test: scipy.stats.ttest_ind(a, b, equal_var=False);
  * DeLong test of two independent AUCs: written out below from the definition (placement values
    from the full m x n comparison matrix, O(m n), no ranks), p from scipy.stats.norm.sf;
  * erfc and the Student t tail: scipy.special.erfc, scipy.stats.t.sf;
  * Spearman correlation: scipy.stats.spearmanr (average ranks for ties);
  * one-feature model AUC: per-level class-1 rate from the training rows (numpy), scored with
    sklearn.metrics.roc_auc_score on the holdout rows.

Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".
"""

import json
import math

import numpy as np
import scipy
import scipy.special
import scipy.stats
import sklearn
import statsmodels
from sklearn.metrics import roc_auc_score
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportions_ztest


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


rng = np.random.default_rng(20260514)
out = {
    "versions": {
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "statsmodels": statsmodels.__version__,
        "sklearn": sklearn.__version__,
    }
}

# ---------------------------------------------------------------- Benjamini-Hochberg
bh = []


def bh_case(name, p, q):
    rej, adj, _, _ = multipletests(np.asarray(p, dtype=float), alpha=q, method="fdr_bh")
    bh.append({"name": name, "p": [num(v) for v in p], "q": q,
               "adjusted": [num(v) for v in adj], "reject": [bool(v) for v in rej]})


bh_case("hand: ties at the cut", [0.01, 0.02, 0.02, 0.5], 0.05)
bh_case("hand: nothing rejected", [0.2, 0.5, 0.9, 0.04], 0.05)
bh_case("hand: all equal", [0.03, 0.03, 0.03], 0.05)
bh_case("hand: one test", [0.04], 0.05)
bh_case("hand: zeros and ones", [0.0, 1.0, 0.0, 0.5, 1.0], 0.1)
bh_case("hand: one rejection", [0.001, 0.04, 0.039, 0.041, 0.042, 0.9], 0.05)
bh_case("hand: step-up rescues rank 3", [0.038, 0.001, 0.035, 0.02, 0.04], 0.05)
for i in range(12):
    m = int(rng.integers(1, 40))
    if i % 3 == 0:
        p = np.round(rng.uniform(0, 0.2, m), 2)  # many ties
    elif i % 3 == 1:
        p = rng.beta(0.3, 4, m)
    else:
        p = rng.uniform(0, 1, m)
    bh_case("random %d" % i, [float(v) for v in p], [0.05, 0.1, 0.2][i % 3])
out["bh"] = bh

# ---------------------------------------------------------------- two-proportion z
zt = []
for x1, n1, x2, n2 in [(30, 50, 400, 900), (5, 10, 5, 10), (0, 20, 3, 200), (99, 100, 700, 1000),
                       (1, 1, 10, 30), (17, 40, 130, 200)]:
    stat, p = proportions_ztest([x1, x2], [n1, n2])
    zt.append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "p": num(p)})
out["ztest"] = zt

# ---------------------------------------------------------------- Welch
welch = []
for i in range(8):
    na = int(rng.integers(2, 30))
    nb = int(rng.integers(2, 300))
    a = rng.normal(0.3 * (i % 3), 1 + i % 2, na)
    b = rng.exponential(1.0, nb)
    if i == 5:
        a = np.round(a, 1)
        b = np.round(b, 1)
    t, p = scipy.stats.ttest_ind(a, b, equal_var=False)
    welch.append({"a": [float(v) for v in a], "b": [float(v) for v in b], "p": num(p)})
out["welch"] = welch


# ---------------------------------------------------------------- DeLong
def delong_components(y, s):
    y = np.asarray(y)
    s = np.asarray(s, dtype=float)
    pos = s[y == 1]
    neg = s[y == 0]
    psi = (pos[:, None] > neg[None, :]).astype(float) + 0.5 * (pos[:, None] == neg[None, :])
    v10 = psi.mean(axis=1)
    v01 = psi.mean(axis=0)
    auc = psi.mean()
    var = v10.var(ddof=1) / len(pos) + v01.var(ddof=1) / len(neg)
    return auc, var


delong = []
for i in range(8):
    n1 = int(rng.integers(8, 60))
    n2 = int(rng.integers(30, 400))
    y1 = (rng.uniform(size=n1) < 0.4).astype(int)
    y2 = (rng.uniform(size=n2) < 0.3).astype(int)
    y1[:2] = [0, 1]
    y1[2:4] = [0, 1]
    y2[:4] = [0, 1, 0, 1]
    s1 = y1 * (0.5 + 0.3 * (i % 3)) + rng.normal(size=n1)
    s2 = y2 * 1.0 + rng.normal(size=n2)
    if i % 2 == 1:
        s1 = np.round(s1, 1)
        s2 = np.round(s2, 1)
    a1, v1 = delong_components(y1, s1)
    a2, v2 = delong_components(y2, s2)
    z = (a1 - a2) / math.sqrt(v1 + v2)
    p = 2 * scipy.stats.norm.sf(abs(z))
    delong.append({"y1": [int(v) for v in y1], "s1": [float(v) for v in s1],
                   "y2": [int(v) for v in y2], "s2": [float(v) for v in s2],
                   "auc1": num(a1), "var1": num(v1), "p": num(p)})
out["delong"] = delong

# ---------------------------------------------------------------- distributions
out["erfc"] = [{"x": x, "value": num(scipy.special.erfc(x))}
               for x in [0.0, 1e-8, 0.1, 0.5, 1.0, 1.7, 2.4, 2.6, 3.0, 4.5, 6.0, 10.0, 26.0]]
out["t_two_sided"] = [{"t": t, "df": df, "p": num(2 * scipy.stats.t.sf(abs(t), df))}
                      for t, df in [(0.0, 5), (0.5, 1), (1.96, 3.5), (2.5, 10), (-3.1, 27.3),
                                    (4.0, 120.7), (10.0, 8), (1.0, 1e4), (2.0, 2.2), (7.5, 400)]]

# ---------------------------------------------------------------- Spearman
spear = []
for i in range(6):
    n = int(rng.integers(10, 60))
    x = rng.normal(size=n)
    y = x + rng.normal(scale=0.5 + i, size=n)
    if i % 2 == 0:
        x = np.round(x, 0)
        y = np.round(y, 1)
    rho = scipy.stats.spearmanr(x, y).correlation
    spear.append({"x": [float(v) for v in x], "y": [float(v) for v in y], "rho": num(rho)})
out["spearman"] = spear

# ---------------------------------------------------------------- one-feature model (categorical)
levels = ["a", "b", "c", "d", "e"]
ntr, nho = 400, 150
xt = rng.choice(levels, size=ntr, p=[0.3, 0.3, 0.2, 0.15, 0.05])
rates = {"a": 0.1, "b": 0.5, "c": 0.8, "d": 0.3, "e": 0.95}
yt = np.array([int(rng.uniform() < rates[v]) for v in xt])
xh = rng.choice(levels + ["f"], size=nho, p=[0.25, 0.25, 0.2, 0.15, 0.1, 0.05])
yh = np.array([int(rng.uniform() < rates.get(v, 0.5)) for v in xh])
prior = yt.mean()
score = []
for v in xh:
    mask = xt == v
    score.append(yt[mask].mean() if mask.any() else prior)
out["one_feature"] = {"train_x": list(map(str, xt)), "train_y": [int(v) for v in yt],
                      "hold_x": list(map(str, xh)), "hold_y": [int(v) for v in yh],
                      "auc": num(roc_auc_score(yh, score))}

with open("reference_slices.json", "w") as f:
    json.dump(out, f, indent=1)
print("wrote reference_slices.json")
