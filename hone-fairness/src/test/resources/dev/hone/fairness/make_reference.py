#!/usr/bin/env python3
"""Reference values for the hone-fairness tests (writes reference_fairness.json beside itself).

fairlearn and AIF360 are not installed on the build machine, so this script is an independent
implementation, in plain Python/numpy/scipy, of the published definitions the Java code follows:

* fairlearn.metrics (Bird et al. 2020): MetricFrame by-group selection rate, TPR, FPR, precision,
  accuracy; demographic_parity_difference/ratio (between groups: max - min, min / max),
  equal_opportunity_difference (TPR max - min), equalized_odds_difference with agg="worst_case"
  (the larger of the TPR and FPR differences).
* AIF360 ClassificationMetric.disparate_impact: P(yhat=1 | unprivileged) / P(yhat=1 | privileged),
  the privileged group being the named reference or else the group with the highest selection rate,
  with the four-fifths rule (ratio < 0.8).
* Hone's documented conventions where those libraries return 0 or NaN: a rate whose denominator is
  0 is undefined and its group is excluded from max/min; fewer than 2 defined groups make a summary
  undefined; a ratio whose reference rate is 0 is undefined.
* ROC AUC as the Mann-Whitney statistic by explicit pair counting (ties = 1/2), Brier score as the
  mean squared error of the probability (sklearn.metrics.brier_score_loss).
* Reweighing (Kamiran & Calders 2012): w(g, y) = P(g) P(y) / P(g, y).
* Threshold optimizer (Hardt, Price & Srebro 2016): the optimum of the linear program over
  randomised per-group threshold rules (any mixture of "predict 1 iff score >= t" rules, t over the
  distinct scores plus +inf and -inf) maximising expected accuracy or balanced accuracy subject to
  equal selection rates (demographic parity), equal TPR (equal opportunity) or equal TPR and FPR
  (equalized odds) across groups, solved with scipy.optimize.linprog (HiGHS).

Run: /usr/bin/python3 make_reference.py [path/to/shared/datasets] (Debian numpy/scipy)
"""
import gzip
import itertools
import json
import math
import os
import sys

import numpy as np
import scipy
from scipy.optimize import linprog

MISSING = "(missing)"
SEP = " × "
METRICS = ["selection_rate", "true_positive_rate", "false_positive_rate", "precision", "accuracy",
           "roc_auc", "base_rate", "mean_score", "calibration_gap", "brier_score"]


def measure(num, den, n, undefined_reason):
    if n == 0:
        return {"status": "EMPTY", "value": None, "num": 0.0, "den": 0.0}
    if den == 0:
        return {"status": "UNDEFINED", "value": None, "num": float(num), "den": 0.0,
                "reason": undefined_reason}
    return {"status": "DEFINED", "value": num / den, "num": float(num), "den": float(den)}


def auc_pairs(y, s):
    """Mann-Whitney U by counting, for every positive, the negatives below it (ties = 1/2)."""
    y = np.asarray(y); s = np.asarray(s, dtype=float)
    pos = s[y == 1]
    neg = np.sort(s[y == 0])
    below = np.searchsorted(neg, pos, side="left")
    below_or_equal = np.searchsorted(neg, pos, side="right")
    u = float(below.sum()) + 0.5 * float((below_or_equal - below).sum())
    return u, len(pos) * len(neg)


def group_metrics(y, s, yhat):
    n = len(y)
    y = np.asarray(y, dtype=int)
    s = np.asarray(s, dtype=float)
    yhat = np.asarray(yhat, dtype=int)
    pos = int((y == 1).sum())
    neg = n - pos
    pp = int((yhat == 1).sum())
    tp = int(((y == 1) & (yhat == 1)).sum())
    fp = int(((y == 0) & (yhat == 1)).sum())
    correct = int((y == yhat).sum())
    m = {
        "selection_rate": measure(pp, n, n, ""),
        "true_positive_rate": measure(tp, pos, n, "no positives in group (TPR = 0/0)"),
        "false_positive_rate": measure(fp, neg, n, "no negatives in group (FPR = 0/0)"),
        "precision": measure(tp, pp, n, "no predicted positives in group (precision = 0/0)"),
        "accuracy": measure(correct, n, n, ""),
    }
    if n == 0:
        m["roc_auc"] = measure(0, 0, 0, "")
    else:
        u, den = auc_pairs(list(y), list(s))
        m["roc_auc"] = measure(u, den, n, "AUC needs both classes")
    m["base_rate"] = measure(pos, n, n, "")
    # math.fsum: correctly rounded sums, so the comparison does not depend on summation order
    m["mean_score"] = measure(math.fsum(s.tolist()) if n else 0.0, n, n, "")
    m["calibration_gap"] = measure(math.fsum(s.tolist()) - pos if n else 0.0, n, n, "")
    m["brier_score"] = measure(math.fsum(((y - s) ** 2).tolist()) if n else 0.0, n, n, "")
    return {"n": n, "positives": pos, "negatives": neg, "predicted_positives": pp, "metrics": m}


def difference(keys, ms):
    defined = [(k, m["value"]) for k, m in zip(keys, ms) if m["status"] == "DEFINED"]
    excluded = [k for k, m in zip(keys, ms) if m["status"] != "DEFINED"]
    if len(defined) < 2:
        return {"status": "UNDEFINED", "value": None, "excluded": excluded}
    hi = max(v for _, v in defined)
    lo = min(v for _, v in defined)
    max_g = next(k for k, v in defined if v == hi)
    min_g = next(k for k, v in defined if v == lo)
    return {"status": "DEFINED", "value": hi - lo, "max_group": max_g, "min_group": min_g,
            "max_value": hi, "min_value": lo, "excluded": excluded}


def summaries(keys, groups, reference):
    sr = [g["metrics"]["selection_rate"] for g in groups]
    tpr = [g["metrics"]["true_positive_rate"] for g in groups]
    fpr = [g["metrics"]["false_positive_rate"] for g in groups]
    out = {}
    out["demographic_parity_difference"] = difference(keys, sr)
    d = difference(keys, sr)
    if d["status"] == "DEFINED":
        if d["max_value"] == 0:
            d = {"status": "UNDEFINED", "value": None, "excluded": d["excluded"]}
        else:
            d = dict(d, value=d["min_value"] / d["max_value"])
    out["demographic_parity_ratio"] = d
    t = difference(keys, tpr)
    f = difference(keys, fpr)
    out["equal_opportunity_difference"] = t
    out["false_positive_rate_difference"] = f
    if t["status"] == "DEFINED" and f["status"] == "DEFINED":
        w = f if f["value"] > t["value"] else t
        eo = {"status": "DEFINED", "value": max(t["value"], f["value"]),
              "max_group": w["max_group"], "min_group": w["min_group"],
              "metric": "false_positive_rate" if f["value"] > t["value"] else "true_positive_rate"}
    else:
        eo = {"status": "UNDEFINED", "value": None}
    out["equalized_odds_difference"] = eo
    # disparate impact (AIF360), reference = named or highest selection rate
    if reference is not None:
        ref = keys.index(reference)
        rule = "named"
    else:
        rule = "highest selection rate"
        cands = [i for i, m in enumerate(sr) if m["status"] == "DEFINED"]
        ref = max(cands, key=lambda i: (sr[i]["value"], -i)) if cands else -1
    ratios = []
    for i, m in enumerate(sr):
        if m["status"] == "EMPTY":
            ratios.append({"status": "EMPTY", "value": None})
        elif ref < 0 or sr[ref]["status"] != "DEFINED":
            ratios.append({"status": "UNDEFINED", "value": None})
        elif sr[ref]["value"] == 0:
            ratios.append({"status": "UNDEFINED", "value": None,
                           "reason_prefix": "reference rate is 0"})
        else:
            ratios.append({"status": "DEFINED", "value": m["value"] / sr[ref]["value"],
                           "num": m["value"], "den": sr[ref]["value"],
                           "flagged": m["value"] / sr[ref]["value"] < 0.8})
    others = [i for i in range(len(keys)) if i != ref and ratios[i]["status"] == "DEFINED"]
    if others:
        worst = min(others, key=lambda i: (ratios[i]["value"], i))
        v = ratios[worst]["value"]
        di = {"status": "DEFINED", "value": v, "max_group": keys[ref], "min_group": keys[worst],
              "flagged": v < 0.8}
    else:
        di = {"status": "UNDEFINED", "value": None}
    out["disparate_impact_ratio"] = di
    return out, (keys[ref] if ref >= 0 else ""), rule, ratios


def keys_of(values, declared=()):
    present = sorted(set(v for v in values if v != MISSING) | set(declared))
    if MISSING in values:
        present.append(MISSING)
    return present


def audit_attribute(y, s, yhat, cols, declared, reference):
    """cols: list of per-row value lists (None = missing); one list -> single attribute."""
    parts = [[MISSING if v is None else v for v in c] for c in cols]
    part_keys = [keys_of(p, declared[i] if len(cols) == 1 else ()) for i, p in enumerate(parts)]
    if len(parts) == 1:
        row_keys = parts[0]
        keys = part_keys[0]
    else:
        combos = sorted(set(tuple(part_keys[j].index(parts[j][i]) for j in range(len(parts)))
                            for i in range(len(y))))
        keys = [SEP.join(part_keys[j][c[j]] for j in range(len(parts))) for c in combos]
        row_keys = [SEP.join(parts[j][i] for j in range(len(parts))) for i in range(len(y))]
    groups = []
    for k in keys:
        idx = [i for i in range(len(y)) if row_keys[i] == k]
        groups.append(dict(group_metrics([y[i] for i in idx], [s[i] for i in idx],
                                         [yhat[i] for i in idx]), group=k))
    sums, ref, rule, ratios = summaries(keys, groups, reference)
    return {"keys": keys, "groups": groups, "summaries": sums, "reference": ref,
            "reference_rule": rule, "ratios": ratios}


def make_case(i):
    rng = np.random.default_rng(20240 + i)
    n = int(rng.integers(6, 400))
    alph_a = ["A", "B", "C", "D"][: int(rng.integers(2, 5))]
    pa = rng.dirichlet(np.ones(len(alph_a)) * 2)
    a = [str(x) for x in rng.choice(alph_a, size=n, p=pa)]
    b = [str(x) for x in rng.choice(["x", "y", "z"], size=n, p=[0.5, 0.3, 0.2])]
    if i % 3 == 0:  # some missing values
        for j in rng.choice(n, size=max(1, n // 15), replace=False):
            a[j] = None
    rate = {k: float(rng.uniform(0.1, 0.8)) for k in alph_a + [None]}
    y = [int(rng.random() < rate[v]) for v in a]
    if i % 4 == 1:  # group B: no positives; group A: no negatives
        y = [0 if v == "B" else (1 if v == "A" else yy) for v, yy in zip(a, y)]
    s = rng.beta(2, 2, size=n)
    s = np.clip(s + 0.25 * (np.array(y) - 0.5), 0, 1)
    if i % 2 == 0:
        s = np.round(s, 1)  # ties and exact 0.5 scores
    s = [float(v) for v in s]
    threshold = 0.5 if i % 5 else 0.3
    if i % 7 == 3:  # group C never selected
        s = [min(v, threshold) if g == "C" else v for v, g in zip(s, a)]
    declared = {"a": ["E"] if i % 6 == 2 else [], "b": []}
    reference = {"a": "A"} if i % 4 == 2 else {}
    return {"name": "generated-%d" % i, "labels": y, "scores": s, "threshold": threshold,
            "columns": {"a": a, "b": b}, "declared": declared, "reference": reference,
            "attributes": [["a"], ["b"], ["a", "b"]]}


def handmade():
    cases = []
    # equalized odds never cancels: TPR gap +0.3 (G1 - G2), FPR gap -0.3
    # G1: 10 positives, 7 predicted 1 (TPR 0.7); 10 negatives, 1 predicted 1 (FPR 0.1)
    # G2: 10 positives, 4 predicted 1 (TPR 0.4); 10 negatives, 4 predicted 1 (FPR 0.4)
    y, s, g = [], [], []
    for grp, tp, fp in (("G1", 7, 1), ("G2", 4, 4)):
        for k in range(10):
            y.append(1); s.append(0.9 if k < tp else 0.1); g.append(grp)
        for k in range(10):
            y.append(0); s.append(0.9 if k < fp else 0.1); g.append(grp)
    cases.append({"name": "eo-no-cancel", "labels": y, "scores": s, "threshold": 0.5,
                  "columns": {"g": g}, "declared": {"g": []}, "reference": {},
                  "attributes": [["g"]]})
    # zero reference rate: named reference selects nobody
    cases.append({"name": "zero-reference-rate", "labels": [1, 0, 1, 0, 1, 0],
                  "scores": [0.1, 0.2, 0.9, 0.8, 0.1, 0.7], "threshold": 0.5,
                  "columns": {"g": ["R", "R", "U", "U", "V", "V"]}, "declared": {"g": []},
                  "reference": {"g": "R"}, "attributes": [["g"]]})
    # nobody selected at all: DP ratio 0/0, DI reference rate 0
    cases.append({"name": "nobody-selected", "labels": [1, 0, 1, 0],
                  "scores": [0.1, 0.2, 0.3, 0.4], "threshold": 0.5,
                  "columns": {"g": ["P", "P", "Q", "Q"]}, "declared": {"g": []},
                  "reference": {}, "attributes": [["g"]]})
    # single defined group for TPR (Q has no positives), an empty declared group
    cases.append({"name": "single-defined-group", "labels": [1, 0, 0, 0],
                  "scores": [0.9, 0.2, 0.7, 0.4], "threshold": 0.5,
                  "columns": {"g": ["P", "P", "Q", "Q"]}, "declared": {"g": ["Z"]},
                  "reference": {}, "attributes": [["g"]]})
    return cases


def reference_case(c):
    y, s, t = c["labels"], c["scores"], c["threshold"]
    yhat = [1 if v > t else 0 for v in s]
    out = []
    for attr in c["attributes"]:
        cols = [c["columns"][a] for a in attr]
        decl = [c["declared"].get(a, []) for a in attr]
        ref = c["reference"].get(SEP.join(attr))
        out.append(dict(audit_attribute(y, s, yhat, cols, decl, ref), attribute=SEP.join(attr)))
    return dict(c, expected=out)


# ---------------------------------------------------------------- reweighing

def reweighing_case(i):
    rng = np.random.default_rng(777 + i)
    n = int(rng.integers(20, 300))
    g = [str(x) for x in rng.choice(["A", "B", "C"], size=n, p=[0.6, 0.3, 0.1])]
    rate = {"A": 0.6, "B": 0.3, "C": 0.15}
    y = [int(rng.random() < rate[v]) for v in g]
    w = []
    for gi, yi in zip(g, y):
        n_g = sum(1 for v in g if v == gi)
        n_y = sum(1 for v in y if v == yi)
        n_gy = sum(1 for v, u in zip(g, y) if v == gi and u == yi)
        w.append((n_g / n) * (n_y / n) / (n_gy / n))
    return {"labels": y, "groups": g, "weights": w}


# ---------------------------------------------------------------- threshold optimizer (LP)

def lp_optimum(y, s, g, constraint, objective):
    """Best expected objective over randomised per-group threshold rules with exact constraint."""
    y = np.asarray(y); s = np.asarray(s); g = np.asarray(g)
    keys = sorted(set(g.tolist()))
    n = len(y); P = int(y.sum()); N = n - P
    var_index = []  # (group, rule) -> column
    rates = []  # per column: (sel count, tp, fp) within group
    for k in keys:
        m = g == k
        ths = [math.inf] + sorted(set(s[m].tolist()), reverse=True) + [-math.inf]
        for th in ths:
            pred = s[m] >= th
            rates.append((k, int(pred.sum()), int((pred & (y[m] == 1)).sum()),
                          int((pred & (y[m] == 0)).sum())))
            var_index.append(k)
    nv = len(rates)
    c = np.zeros(nv)
    for j, (k, sel, tp, fp) in enumerate(rates):
        if objective == "accuracy":
            c[j] = -(tp + (N_g(k, g, y) - fp)) / n
        else:
            c[j] = -0.5 * (tp / P + (N_g(k, g, y) - fp) / N)
    A_eq = []; b_eq = []
    for k in keys:  # each group's mixture sums to 1
        A_eq.append([1.0 if var_index[j] == k else 0.0 for j in range(nv)]); b_eq.append(1.0)
    def group_rate(k, what):
        m = g == k
        ng = int(m.sum()); pg = int(y[m].sum()); qg = ng - pg
        row = np.zeros(nv)
        for j, (kk, sel, tp, fp) in enumerate(rates):
            if kk != k:
                continue
            row[j] = {"sel": sel / ng, "tpr": tp / pg if pg else 0, "fpr": fp / qg if qg else 0}[what]
        return row
    whats = {"demographic_parity": ["sel"], "equal_opportunity": ["tpr"],
             "equalized_odds": ["tpr", "fpr"]}[constraint]
    for what in whats:
        base = group_rate(keys[0], what)
        for k in keys[1:]:
            A_eq.append((group_rate(k, what) - base).tolist()); b_eq.append(0.0)
    res = linprog(c, A_eq=np.array(A_eq), b_eq=np.array(b_eq), bounds=(0, 1), method="highs")
    assert res.status == 0, res.message
    return -res.fun


def N_g(k, g, y):
    m = g == k
    return int(m.sum() - y[m].sum())


def threshold_case(i):
    rng = np.random.default_rng(5150 + i)
    n = int(rng.integers(60, 240))
    g = [str(x) for x in rng.choice(["A", "B", "C"][: 2 + i % 2], size=n)]
    shift = {"A": 0.8, "B": 0.0, "C": -0.5}
    y = [int(rng.random() < 0.4) for _ in range(n)]
    z = [rng.normal(1.2 * yy + shift[gg] * 0.5, 1.0) for yy, gg in zip(y, g)]
    s = [float(np.round(1 / (1 + math.exp(-v)), 2 if i % 2 else 6)) for v in z]
    constraint = ["demographic_parity", "equal_opportunity", "equalized_odds"][i % 3]
    objective = "accuracy" if i < 6 else "balanced_accuracy"
    best = lp_optimum(y, s, g, constraint, objective)
    return {"labels": y, "scores": s, "groups": g, "constraint": constraint,
            "objective": objective, "optimum": best}


# ---------------------------------------------------------------- adult

def adult_score(age, edu, hours):
    """The fixed score the real-data test uses (also coded in the Java test): a softsign squashing
    of a linear score. Only +, *, / and abs, which IEEE 754 rounds identically in Python and Java,
    so both sides get bit-identical scores (an exp() could differ in the last bit and move ties)."""
    z = -8.0 + 0.03 * age + 0.4 * edu + 0.04 * hours
    return 0.5 + 0.5 * z / (1.0 + abs(z))


def adult(shared):
    path = os.path.join(shared, "adult", "adult.data.gz")
    y, s, sex, race = [], [], [], []
    with gzip.open(path, "rt") as f:
        for line in f:
            parts = [p.strip() for p in line.split(",")]
            if len(parts) < 15:
                continue
            age, edu, hours = float(parts[0]), float(parts[4]), float(parts[12])
            y.append(1 if parts[14].rstrip(".") == ">50K" else 0)
            s.append(adult_score(age, edu, hours))
            sex.append(parts[9]); race.append(parts[8])
    yhat = [1 if v > 0.5 else 0 for v in s]
    out = {"rows": len(y)}
    for name, col in (("sex", [sex]), ("race", [race]), ("sex × race", [sex, race])):
        out[name] = audit_attribute(y, s, yhat, col, [[] for _ in col], None)
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, *[".."] * 7, "..", "shared",
                                                                   "datasets")
    cases = [reference_case(make_case(i)) for i in range(24)] + [reference_case(c) for c in handmade()]
    doc = {
        "generator": "make_reference.py (independent numpy/scipy implementation of the published "
                     "fairlearn/AIF360/Hardt et al./Kamiran-Calders definitions)",
        "numpy": np.__version__, "scipy": scipy.__version__,
        "audit_cases": cases,
        "reweighing_cases": [reweighing_case(i) for i in range(6)],
        "threshold_cases": [threshold_case(i) for i in range(12)],
        "adult": adult(shared),
    }
    with open(os.path.join(here, "reference_fairness.json"), "w") as f:
        json.dump(doc, f, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        f.write("\n")
    a = doc["adult"]["sex"]
    for g in a["groups"]:
        print(g["group"], g["n"], g["metrics"]["selection_rate"]["value"])
    print("DI sex", a["summaries"]["disparate_impact_ratio"])


if __name__ == "__main__":
    main()
