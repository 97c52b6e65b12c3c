#!/usr/bin/python3
"""Writes reference_diagnostics.json for the dev.hone.eval.diagnostics tests.

Run from this directory with the system interpreter (Debian's numpy, scipy, scikit-learn,
statsmodels):

    /usr/bin/python3 make_reference.py

Oracles:
  * residual quantiles: numpy.percentile (default 'linear'); histogram: numpy.histogram;
  * residuals by bins: numpy, with the binning rule documented in Binning.java written out here
    independently (edges = unique(numpy.percentile(v, linspace(0, 100, B + 1))), bin =
    searchsorted(edges[1:-1], v, side='right'); one bin per distinct value when there are at most B);
  * Breusch-Pagan: statsmodels.stats.diagnostic.het_breuschpagan (robust=True, the default) with
    exog = [1, kept regressors]; the kept regressors are chosen here by the documented rule (drop
    columns with NaN, constant columns, and in-order linearly dependent columns), and the script
    checks that statsmodels' OLS on the full-rank exog has rank = 1 + kept;
  * reliability diagram: sklearn.calibration.calibration_curve (uniform and quantile) for the
    non-empty bins, numpy.bincount for the counts of every bin;
  * Wilson intervals: statsmodels.stats.proportion.proportion_confint(method='wilson');
  * ECE / MCE: numpy, from the formula of Naeini et al. (2015) on those bins; ECE on explicit
    bootstrap resamples (the index arrays are written out);
  * threshold table: sklearn.metrics.confusion_matrix at each threshold (score >= t), and the
    F1-optimal threshold from sklearn.metrics.precision_recall_curve (argmax of 2PR/(P+R)).

Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".
"""

import json
import math
import warnings

import numpy as np
import scipy
import sklearn
import statsmodels
from sklearn.calibration import calibration_curve
from sklearn.metrics import confusion_matrix, precision_recall_curve
from statsmodels.regression.linear_model import OLS
from statsmodels.stats.diagnostic import het_breuschpagan
from statsmodels.stats.proportion import proportion_confint

warnings.filterwarnings("ignore")


def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, np.ndarray):
        return clean(x.tolist())
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (np.integer,)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return x


QUANTILE_LEVELS = [0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99]
BIN_PCTS = [5, 25, 50, 75, 95]


# ---------------------------------------------------------------- residuals

def binned(v, r, bins):
    """Residual summaries by the documented quantile binning; NaN values get a last bin."""
    v = np.asarray(v, dtype=np.float64)
    finite = ~np.isnan(v)
    out = []
    vf = v[finite]
    rf = r[finite]
    if vf.size > 0:
        distinct = np.unique(vf)
        if distinct.size <= bins:
            lowers = distinct
            uppers = distinct
            idx = np.searchsorted(distinct, vf)  # exact match: index of the value
            discrete = True
        else:
            edges = np.unique(np.percentile(vf, np.linspace(0, 100, bins + 1)))
            lowers = edges[:-1]
            uppers = edges[1:]
            idx = np.searchsorted(edges[1:-1], vf, side="right")
            discrete = False
        for b in range(len(lowers)):
            sel = idx == b
            if not sel.any():
                continue
            rb = rf[sel]
            out.append({
                "missing": False, "lower": lowers[b], "upper": uppers[b], "n": int(sel.sum()),
                "mean_x": vf[sel].mean(), "mean": rb.mean(), "std": rb.std(),
                "pct": np.percentile(rb, BIN_PCTS),
            })
    else:
        discrete = False
    if (~finite).any():
        rb = r[~finite]
        out.append({
            "missing": True, "lower": float("nan"), "upper": float("nan"), "n": int(rb.size),
            "mean_x": float("nan"), "mean": rb.mean(), "std": rb.std(),
            "pct": np.percentile(rb, BIN_PCTS),
        })
    return discrete, out


def kept_regressors(x, names):
    """The documented regressor selection, written independently with numpy lstsq."""
    n = x.shape[0]
    dropped_missing, dropped_constant, dropped_collinear, kept = [], [], [], []
    basis = [np.ones(n)]
    for j, name in enumerate(names):
        c = x[:, j]
        if np.isnan(c).any():
            dropped_missing.append(name)
            continue
        if c.std() == 0:
            dropped_constant.append(name)
            continue
        z = (c - c.mean()) / c.std()
        b = np.column_stack(basis)
        coef, *_ = np.linalg.lstsq(b, z, rcond=None)
        rest = np.mean((z - b @ coef) ** 2)  # share of the unit variance left unexplained
        if rest < 1e-10:
            dropped_collinear.append(name)
            continue
        basis.append(z)
        kept.append(j)
    return kept, dropped_missing, dropped_constant, dropped_collinear


def residual_case(name, y, yhat, x, names, slices, slice_names, bins=20, hist_bins=30, largest=20):
    y = np.asarray(y, dtype=np.float64)
    yhat = np.asarray(yhat, dtype=np.float64)
    # the Java side receives float32 features: compute everything on the float32-rounded values
    x = np.asarray(x, dtype=np.float32).astype(np.float64)
    r = y - yhat
    case = {
        "name": name, "y": y, "yhat": yhat, "x": x, "names": names,
        "slices": slices, "slice_names": slice_names,
        "bins": bins, "hist_bins": hist_bins, "largest": largest,
    }
    exp = {}
    exp["quantiles"] = np.percentile(r, [q * 100 for q in QUANTILE_LEVELS])
    counts, edges = np.histogram(r, bins=hist_bins)
    exp["hist_counts"] = counts
    exp["hist_edges"] = edges
    _, exp["vs_predicted"] = binned(yhat, r, bins)
    exp["vs_features"] = []
    for j, nm in enumerate(names):
        discrete, b = binned(x[:, j], r, bins)
        exp["vs_features"].append({"feature": nm, "discrete": discrete, "bins": b})
    order = np.lexsort((np.arange(len(r)), -np.abs(r)))  # |r| descending, row ascending
    exp["largest_rows"] = order[:largest]
    sl = []
    s_arr = np.asarray(slices)
    for k, sn in enumerate(slice_names):
        rs = r[s_arr == k]
        if rs.size == 0:
            sl.append({"slice": sn, "n": 0, "mean": float("nan"), "std": float("nan"),
                       "rmse": float("nan")})
        else:
            sl.append({"slice": sn, "n": int(rs.size), "mean": rs.mean(), "std": rs.std(),
                       "rmse": math.sqrt(np.mean(rs ** 2))})
    exp["slices"] = sl
    kept, dm, dc, dl = kept_regressors(x, names)
    exog = np.column_stack([np.ones(len(r))] + [x[:, j] for j in kept])
    assert np.linalg.matrix_rank(exog) == 1 + len(kept)
    lm, lm_p, fval, f_p = het_breuschpagan(r, exog)  # robust=True by default
    r2 = OLS(r ** 2, exog).fit().rsquared
    exp["bp"] = {
        "lm": lm, "p": lm_p, "f": fval, "f_p": f_p, "r2": r2, "df": len(kept),
        "regressors": [names[j] for j in kept], "dropped_missing": dm,
        "dropped_constant": dc, "dropped_collinear": dl,
    }
    case["expected"] = exp
    return case


def residual_cases():
    rng = np.random.default_rng(20260101)
    cases = []
    # heteroscedastic: noise grows with x2; one-hot block collinear with the intercept; a discrete
    # feature, a constant one, one with missing values
    n = 600
    x1 = rng.normal(0, 1, n)
    x2 = rng.uniform(0, 10, n)
    lvl = rng.integers(0, 3, n)
    onehot = np.eye(3)[lvl]
    x4 = rng.integers(0, 5, n).astype(float)
    const = np.full(n, 3.5)
    x6 = rng.normal(5, 2, n)
    x6[rng.random(n) < 0.1] = np.nan
    x = np.column_stack([x1, x2, onehot, x4, const, x6])
    names = ["x1", "x2", "c_a", "c_b", "c_c", "x4", "const", "x6_missing"]
    yhat = 2 * x1 + 0.5 * x2 + lvl
    y = yhat + rng.normal(0, 0.2 + 0.3 * x2, n) + 0.1
    slices = rng.integers(-1, 4, n)  # -1: no slice; slice 3 ("empty") is made empty below
    slices[slices == 3] = 2
    cases.append(residual_case("heteroscedastic", y, yhat, x, names, slices,
                               ["s0", "s1", "s2", "empty"]))
    # homoscedastic, more rows, wide spread of predictions
    n = 1000
    x1 = rng.uniform(-3, 3, n)
    x2 = rng.exponential(2.0, n)
    x3 = rng.normal(0, 1, n)
    x = np.column_stack([x1, x2, x3])
    yhat = 100 + 10 * x1 - 3 * x2
    y = yhat + rng.normal(0, 1.5, n)
    cases.append(residual_case("homoscedastic", y, yhat, x, ["x1", "x2", "x3"],
                               rng.integers(0, 2, n), ["a", "b"]))
    # small, tied predictions and residuals
    y = np.array([1.0, 2.0, 2.0, 3.0, 5.0, 8.0, 13.0, 21.0])
    yhat = np.array([1.0, 2.5, 2.5, 2.5, 6.0, 6.0, 12.0, 18.0])
    x = np.column_stack([[0, 1, 1, 2, 3, 5, 8, 13], [1, 0, 1, 0, 1, 0, 1, 0]])
    cases.append(residual_case("small_ties", y, yhat, x, ["f", "g"], [0] * 8, ["all"],
                               bins=3, hist_bins=4, largest=5))
    return cases


# ---------------------------------------------------------------- calibration

def reliability(event, p, bins, strategy):
    p = np.asarray(p, dtype=np.float64)
    event = np.asarray(event).astype(int)
    if strategy == "uniform":
        edges = np.linspace(0.0, 1.0, bins + 1)
    else:
        edges = np.percentile(p, np.linspace(0, 1, bins + 1) * 100)
    binids = np.searchsorted(edges[1:-1], p)
    total = np.bincount(binids, minlength=bins)
    sums = np.bincount(binids, weights=p, minlength=bins)
    hits = np.bincount(binids, weights=event, minlength=bins)
    nz = total > 0
    prob_true, prob_pred = calibration_curve(event, p, n_bins=bins, strategy=strategy)
    # sklearn's curve is the non-empty bins of the same assignment
    assert np.allclose(prob_true, hits[nz] / total[nz], rtol=0, atol=1e-15)
    assert np.allclose(prob_pred, sums[nz] / total[nz], rtol=0, atol=1e-15)
    lo, hi = [], []
    for b in range(bins):
        if total[b] == 0:
            lo.append(float("nan"))
            hi.append(float("nan"))
        else:
            l, h = proportion_confint(int(hits[b]), int(total[b]), alpha=0.05, method="wilson")
            lo.append(l)
            hi.append(h)
    gap = np.abs(hits[nz] / total[nz] - sums[nz] / total[nz])
    ece = float(np.sum(total[nz] / len(p) * gap))
    mce = float(gap.max())
    return {
        "edges": edges, "counts": total, "nonempty_prob_true": prob_true,
        "nonempty_prob_pred": prob_pred, "wilson_lower": lo, "wilson_upper": hi,
        "ece": ece, "mce": mce, "binids": binids,
        "mean_predicted": p.mean(), "observed": event.mean(),
    }


def ece_on_resamples(event, p, binids, bins, draws):
    out = []
    for d in draws:
        total = np.bincount(binids[d], minlength=bins)
        sums = np.bincount(binids[d], weights=p[d], minlength=bins)
        hits = np.bincount(binids[d], weights=event[d], minlength=bins)
        nz = total > 0
        out.append(float(np.sum(total[nz] / len(d) * np.abs(hits[nz] / total[nz]
                                                           - sums[nz] / total[nz]))))
    return out


def threshold_table(y, s):
    y = np.asarray(y).astype(int)
    s = np.asarray(s, dtype=np.float64)
    rows = []
    for k in range(1, 20):
        t = k / 20.0
        pred = (s >= t).astype(int)
        tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
        rows.append({"threshold": t, "tp": tp, "fp": fp, "tn": tn, "fn": fn})
    prec, rec, thr = precision_recall_curve(y, s)
    p, r = prec[:-1], rec[:-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        f1 = np.where(p + r > 0, 2 * p * r / (p + r), 0.0)
    best = int(np.argmax(f1))
    return {"rows": rows, "f1_opt_threshold": thr[best], "f1_opt_value": f1[best],
            "positives": int(y.sum()), "negatives": int((1 - y).sum())}


def calibration_cases():
    rng = np.random.default_rng(777)
    cases = []
    # binary, over-confident model
    n = 1500
    s = rng.beta(0.7, 1.3, n)
    y = (rng.random(n) < s ** 1.3).astype(int)
    for strategy, bins in [("uniform", 10), ("quantile", 10), ("uniform", 7), ("quantile", 13)]:
        cases.append({"name": f"binary_{strategy}_{bins}", "kind": "positive_class", "y": y,
                      "scores": s, "bins": bins, "strategy": strategy,
                      "expected": reliability(y, s, bins, strategy)})
    # scores on the bin edges (k/10) and exact 0 and 1: tests the (e_j, e_{j+1}] assignment
    s2 = rng.integers(0, 11, 400) / 10.0
    y2 = (rng.random(400) < s2).astype(int)
    for strategy in ["uniform", "quantile"]:
        cases.append({"name": f"binary_on_edges_{strategy}", "kind": "positive_class", "y": y2,
                      "scores": s2, "bins": 10, "strategy": strategy,
                      "expected": reliability(y2, s2, 10, strategy)})
    # multiclass top-label
    n = 900
    logits = rng.normal(0, 1.5, (n, 4))
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    ylab = np.array([rng.choice(4, p=row ** 0.8 / (row ** 0.8).sum()) for row in proba])
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == ylab).astype(int)
    cases.append({"name": "multiclass_top_label", "kind": "top_label", "y": ylab,
                  "proba": proba, "bins": 10, "strategy": "uniform",
                  "expected": reliability(correct, conf, 10, "uniform")})
    # bootstrap ECE on explicit resamples (binary, uniform bins)
    draws = rng.integers(0, len(s), (20, len(s)))
    exp = reliability(y, s, 10, "uniform")
    boot = {"y": y, "scores": s, "bins": 10, "strategy": "uniform", "draws": draws,
            "ece": ece_on_resamples(y, s, np.asarray(exp["binids"]), 10, draws)}
    for c in cases:
        c["expected"].pop("binids")
    # threshold tables
    tables = []
    tables.append({"name": "continuous", "y": y, "scores": s, "expected": threshold_table(y, s)})
    tables.append({"name": "on_thresholds", "y": y2, "scores": s2,
                   "expected": threshold_table(y2, s2)})
    s3 = rng.uniform(0.2, 0.6, 50)
    y3 = (rng.random(50) < 0.3).astype(int)
    tables.append({"name": "narrow_range", "y": y3, "scores": s3,
                   "expected": threshold_table(y3, s3)})
    return cases, boot, tables


def main():
    cal, boot, tables = calibration_cases()
    out = {
        "generator": "make_reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__,
                     "sklearn": sklearn.__version__, "statsmodels": statsmodels.__version__},
        "quantile_levels": QUANTILE_LEVELS,
        "residual_cases": residual_cases(),
        "calibration_cases": cal,
        "calibration_bootstrap": boot,
        "threshold_tables": tables,
    }
    with open("reference_diagnostics.json", "w") as f:
        json.dump(clean(out), f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
