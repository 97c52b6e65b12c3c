#!/usr/bin/python3
"""Writes reference_benchmark.json for the dev.hone.eval.benchmark tests.

Run from this directory with the system interpreter:

    /usr/bin/python3 make_reference.py

Oracles (Debian's scipy and statsmodels):
  * scipy.stats.wilcoxon(x, y, zero_method='wilcox', alternative='two-sided', method=M,
    correction=True) with M = 'exact' when there are at most 50 non-zero differences, no zero and
    no tied |difference|, else M = 'approx' (normal approximation with tie and continuity
    correction); this is the rule Hone documents;
  * scipy.stats.t.interval(0.95, n - 1, loc=mean, scale=std(ddof=1)/sqrt(n));
  * scipy.stats.rankdata(method='average') for ranks per dataset, averaged over datasets;
  * statsmodels.stats.multitest.multipletests(method='holm') for the adjusted p-values.
"""

import json
import math

import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.multitest import multipletests


def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        return x
    return x


def method_for(x, y):
    d = np.asarray(x) - np.asarray(y)
    nz = d[d != 0]
    ties = len(np.unique(np.abs(nz))) < len(nz)
    if (d == 0).any() or ties or len(nz) > 50:
        return "approx"
    return "exact"


def wilcoxon(x, y):
    m = method_for(x, y)
    res = stats.wilcoxon(x, y, zero_method="wilcox", correction=True,
                         alternative="two-sided", method=m)
    return {"statistic": res.statistic, "p": res.pvalue,
            "method": "exact" if m == "exact" else "normal"}


def wilcoxon_cases():
    rng = np.random.default_rng(31)
    cases = []

    def add(name, x, y):
        cases.append({"name": name, "x": np.asarray(x, float), "y": np.asarray(y, float),
                      "expected": wilcoxon(x, y)})

    d = np.array([6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75], float)
    add("scipy_docs_example", d, np.zeros_like(d))
    add("small_exact", rng.normal(0.3, 1, 8), rng.normal(0, 1, 8))
    add("exact_20", rng.normal(0.1, 1, 20), rng.normal(0, 1, 20))
    add("all_positive", np.arange(1, 11) + 0.5, np.zeros(10))
    x = np.round(rng.normal(0.2, 1, 30), 1)
    add("ties_normal", x, np.round(rng.normal(0, 1, 30), 1))
    x = np.round(rng.normal(0, 1, 25), 1)
    y = x.copy()
    y[:5] += np.array([0.1, -0.2, 0.1, 0.3, -0.1])
    y[10:] = np.round(rng.normal(0, 1, 15), 1)
    add("zeros_and_ties", x, y)
    add("large_normal", rng.normal(0.05, 1, 80), rng.normal(0, 1, 80))
    add("center_exact", np.array([1.0, -2.0, -3.0, 4.0]), np.zeros(4))
    return cases


def t_cases():
    rng = np.random.default_rng(5)
    out = []
    for n in (2, 3, 5, 10, 30):
        v = rng.normal(0.8, 0.05, n)
        m = v.mean()
        s = v.std(ddof=1)
        lo, hi = stats.t.interval(0.95, n - 1, loc=m, scale=s / math.sqrt(n))
        out.append({"values": v, "mean": m, "std": s, "lower": lo, "upper": hi})
    return out


def leaderboard_case():
    rng = np.random.default_rng(8)
    datasets = ["adult", "credit", "iris", "wine"]
    learners = ["baseline", "xgb", "xgb_small"]
    seeds = [1, 2, 3, 4, 5]
    scores = []
    values = {}
    for ds in datasets:
        for l in learners:
            base = {"baseline": 0.5, "xgb": 0.9, "xgb_small": 0.88}[l]
            for s in seeds:
                v = base + rng.normal(0, 0.01)
                if ds == "iris" and l == "xgb_small":
                    v = values[(ds, "xgb", s)]  # identical runs: tied ranks, zero differences
                values[(ds, l, s)] = v
                scores.append({"dataset": ds, "learner": l, "seed": s, "value": v})
    means = {(ds, l): np.mean([values[(ds, l, s)] for s in seeds]) for ds in datasets
             for l in learners}
    ranks = {l: 0.0 for l in learners}
    for ds in datasets:
        r = stats.rankdata([-means[(ds, l)] for l in learners], method="average")
        for l, rv in zip(learners, r):
            ranks[l] += rv / len(datasets)
    order = sorted(learners, key=lambda l: (ranks[l], l))
    cells = []
    for ds in datasets:
        for l in order:
            v = np.array([values[(ds, l, s)] for s in seeds])
            m, sd = v.mean(), v.std(ddof=1)
            lo, hi = stats.t.interval(0.95, len(v) - 1, loc=m, scale=sd / math.sqrt(len(v)))
            cells.append({"dataset": ds, "learner": l, "mean": m, "std": sd, "lower": lo,
                          "upper": hi})
    tests = {}
    for pairing in ("dataset_means", "dataset_seed"):
        rows = []
        for i, a in enumerate(order):
            for b in order[i + 1:]:
                if pairing == "dataset_means":
                    x = [means[(ds, a)] for ds in datasets]
                    y = [means[(ds, b)] for ds in datasets]
                else:
                    x = [values[(ds, a, s)] for ds in datasets for s in seeds]
                    y = [values[(ds, b, s)] for ds in datasets for s in seeds]
                w = wilcoxon(x, y)
                w.update({"a": a, "b": b, "pairs": len(x),
                          "mean_difference": float(np.mean(np.subtract(x, y)))})
                rows.append(w)
        holm = multipletests([r["p"] for r in rows], method="holm")[1]
        for r, h in zip(rows, holm):
            r["p_holm"] = h
        tests[pairing] = rows
    return {"scores": scores, "learners": order, "ranks": [ranks[l] for l in order],
            "datasets": datasets, "cells": cells, "tests": tests}


def main():
    out = {
        "generator": "make_reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "wilcoxon": wilcoxon_cases(),
        "t_intervals": t_cases(),
        "leaderboard": leaderboard_case(),
    }
    with open("reference_benchmark.json", "w") as f:
        json.dump(clean(out), f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
