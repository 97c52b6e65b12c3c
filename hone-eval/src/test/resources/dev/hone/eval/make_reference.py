#!/usr/bin/python3
"""Writes reference_metrics.json: seeded inputs and scikit-learn / numpy outputs for the hone-eval tests.

Run from this directory with the system interpreter:

    /usr/bin/python3 make_reference.py

Oracles: scikit-learn (roc_auc_score, average_precision_score, log_loss, brier_score_loss,
accuracy_score, f1_score, confusion_matrix, mean_squared_error, mean_absolute_error, r2_score) and
numpy (residual summary, bootstrap percentiles with the default 'linear' method).
The versions used are recorded in the output file.

Conventions shared with the Java side:
  * classification labels are class indices 0..k-1; probabilities have shape [n][k];
  * log_loss is called with labels=range(k), so a class missing from y_true is still a column;
  * binary accuracy and F1 predict class 1 iff P(class 1) > 0.5;
  * multiclass predictions are the arg-max of each row (first index on ties, as numpy.argmax);
  * a metric that sklearn cannot compute (roc_auc with one class, which raises ValueError) or that
    Hone defines as undefined (average precision with no positive, which sklearn sets to 0 with a
    warning) is written as the string "NaN";
  * non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".

Bootstrap cases: the resampling index arrays (shape [rounds][n], drawn with numpy's PCG64 under a
fixed seed) are written out; for each round the metrics are recomputed with scikit-learn on the
resampled rows, and the 95% percentile interval is numpy.percentile(valid, [2.5, 97.5]) over the
rounds where the metric is defined.
"""

import json
import math
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    confusion_matrix,
    f1_score,
    log_loss,
    mean_absolute_error,
    mean_squared_error,
    r2_score,
    roc_auc_score,
)

warnings.filterwarnings("ignore")


def clean(x):
    """JSON-safe conversion: numpy scalars/arrays to Python, non-finite floats to strings."""
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
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return x
    return x


# ---------------------------------------------------------------- binary

def binary_metrics(y, proba):
    y = np.asarray(y)
    proba = np.asarray(proba, dtype=np.float64)
    p1 = proba[:, 1]
    pred = (p1 > 0.5).astype(int)
    one_class = len(np.unique(y)) < 2
    out = {}
    out["roc_auc"] = float("nan") if one_class else roc_auc_score(y, p1)
    out["pr_auc"] = float("nan") if y.sum() == 0 else average_precision_score(y, p1)
    out["log_loss"] = log_loss(y, proba, labels=[0, 1])
    out["brier"] = brier_score_loss(y, p1, pos_label=1)
    out["accuracy"] = accuracy_score(y, pred)
    out["f1"] = f1_score(y, pred, pos_label=1, average="binary", labels=[0, 1])
    return out, pred


def binary_case(name, y, proba):
    expected, pred = binary_metrics(y, proba)
    cm = confusion_matrix(y, pred, labels=[0, 1])
    return {
        "name": name,
        "task": "binary",
        "n_classes": 2,
        "y": np.asarray(y).astype(int),
        "proba": np.asarray(proba, dtype=np.float64),
        "pred": pred,
        "expected": expected,
        "confusion": cm,
    }


def two_columns(p1):
    p1 = np.asarray(p1, dtype=np.float64)
    return np.column_stack([1.0 - p1, p1])


def make_binary_cases():
    cases = []
    rng = np.random.default_rng(20240601)

    # scores rounded to one decimal: many ties, including ties across the two classes
    n = 200
    s = np.round(rng.uniform(0, 1, n), 1)
    y = (rng.uniform(0, 1, n) < 0.2 + 0.6 * s).astype(int)
    cases.append(binary_case("binary_ties", y, two_columns(s)))

    # imbalanced: about 3% positives, scores rounded to 3 decimals
    n = 1000
    y = (rng.uniform(0, 1, n) < 0.03).astype(int)
    y[0] = 1
    logit = rng.normal(0, 1, n) + 1.5 * y - 2.5
    s = np.round(1 / (1 + np.exp(-logit)), 3)
    cases.append(binary_case("binary_imbalanced", y, two_columns(s)))

    # perfect separation, probabilities touching exactly 0 and 1 (exercises clipping)
    n = 50
    y = np.array([0] * 25 + [1] * 25)
    s = np.concatenate([np.linspace(0.0, 0.45, 25), np.linspace(0.55, 1.0, 25)])
    perm = rng.permutation(n)
    cases.append(binary_case("binary_perfect", y[perm], two_columns(s[perm])))

    # a small hand-sized case with ties across classes and a score of exactly 0.5
    y = [0, 1, 1, 0, 1, 0, 0]
    s = [0.5, 0.5, 0.9, 0.1, 0.3, 0.3, 0.8]
    cases.append(binary_case("binary_small", y, two_columns(s)))

    # float32 model output: rows do not sum to exactly 1 (exercises renormalisation)
    n = 300
    y = (rng.uniform(0, 1, n) < 0.4).astype(int)
    p1 = (1 / (1 + np.exp(-(rng.normal(0, 1.5, n) + 0.8 * y)))).astype(np.float32)
    p0 = (np.float32(1) - p1 + np.float32(1e-6) * rng.uniform(-1, 1, n).astype(np.float32)).astype(np.float32)
    cases.append(binary_case("binary_float32_unnormalised", y, np.column_stack([p0, p1]).astype(np.float64)))

    # no positive predicted although positives exist: F1 = 0 (zero-division default)
    n = 40
    y = (np.arange(n) % 4 == 0).astype(int)
    s = rng.uniform(0.05, 0.45, n)
    cases.append(binary_case("binary_none_predicted", y, two_columns(s)))

    # a single class present (all negative): AUC and AP undefined, the rest defined
    n = 30
    y = np.zeros(n, dtype=int)
    s = rng.uniform(0, 0.4, n)
    cases.append(binary_case("binary_one_class", y, two_columns(s)))
    return cases


# ---------------------------------------------------------------- multiclass

def multiclass_metrics(y, proba, k):
    y = np.asarray(y)
    pred = np.argmax(proba, axis=1)
    out = {
        "accuracy": accuracy_score(y, pred),
        "macro_f1": f1_score(y, pred, average="macro"),
        "log_loss": log_loss(y, proba, labels=list(range(k))),
    }
    return out, pred


def multiclass_case(name, y, proba, k):
    expected, pred = multiclass_metrics(y, proba, k)
    return {
        "name": name,
        "task": "multiclass",
        "n_classes": k,
        "y": np.asarray(y).astype(int),
        "proba": np.asarray(proba, dtype=np.float64),
        "pred": pred,
        "expected": expected,
        "confusion": confusion_matrix(y, pred, labels=list(range(k))),
    }


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def make_multiclass_cases():
    cases = []
    rng = np.random.default_rng(77)

    n, k = 300, 3
    y = rng.integers(0, k, n)
    z = rng.normal(0, 1, (n, k))
    z[np.arange(n), y] += 1.0
    cases.append(multiclass_case("multiclass_3", y, softmax(z), k))

    # 5 classes: class 3 never in y_true and never predicted (left out of the macro average),
    # class 4 present in y_true but never predicted (F1 = 0 for it)
    n, k = 250, 5
    y = rng.choice([0, 1, 2, 4], size=n, p=[0.4, 0.3, 0.2, 0.1])
    z = rng.normal(0, 1, (n, k))
    z[np.arange(n), y] += 1.2
    z[:, 3] -= 10.0
    z[:, 4] -= 10.0
    proba = softmax(z)
    cases.append(multiclass_case("multiclass_5_never_predicted", y, proba, k))

    # 4 classes, probabilities rounded to 2 decimals: arg-max ties and exact zeros (clipping)
    n, k = 120, 4
    y = rng.integers(0, k, n)
    z = rng.normal(0, 1, (n, k))
    z[np.arange(n), y] += 0.8
    proba = np.round(softmax(z * 3), 2)
    proba[:5] = [0.5, 0.5, 0.0, 0.0]
    cases.append(multiclass_case("multiclass_4_rounded", y, proba, k))

    # a class predicted but absent from y_true (F1 = 0 for it, still in the macro average)
    n, k = 60, 3
    y = rng.integers(0, 2, n)
    z = rng.normal(0, 1, (n, k))
    z[np.arange(n), y] += 1.0
    z[:7, 2] += 5.0
    cases.append(multiclass_case("multiclass_3_predicted_absent", y, softmax(z), k))
    return cases


# ---------------------------------------------------------------- regression

def residual_summary(y, yhat):
    r = np.asarray(y, dtype=np.float64) - np.asarray(yhat, dtype=np.float64)
    q = np.percentile(r, [5, 25, 50, 75, 95])
    return {
        "mean": np.mean(r),
        "std": np.std(r),
        "min": np.min(r),
        "q05": q[0],
        "q25": q[1],
        "median": q[2],
        "q75": q[3],
        "q95": q[4],
        "max": np.max(r),
        "meanAbs": np.mean(np.abs(r)),
    }


def regression_metrics(y, yhat):
    return {
        "rmse": mean_squared_error(y, yhat, squared=False),
        "mae": mean_absolute_error(y, yhat),
        "r2": r2_score(y, yhat),
    }


def regression_case(name, y, yhat):
    y = np.asarray(y, dtype=np.float64)
    yhat = np.asarray(yhat, dtype=np.float64)
    return {
        "name": name,
        "task": "regression",
        "y": y,
        "yhat": yhat,
        "expected": regression_metrics(y, yhat),
        "residuals": residual_summary(y, yhat),
    }


def make_regression_cases():
    cases = []
    rng = np.random.default_rng(5)

    n = 500
    x = rng.normal(0, 1, n)
    y = 3.0 * x + rng.normal(0, 1, n)
    cases.append(regression_case("regression_basic", y, 2.8 * x + 0.1))

    n = 400
    y = rng.normal(1.0e6, 5.0e3, n)
    cases.append(regression_case("regression_large_scale", y, y + rng.normal(0, 2.0e3, n)))

    # constant target: sklearn r2 is 0.0 for an imperfect fit and 1.0 for a perfect one
    n = 25
    cases.append(regression_case("regression_constant", np.full(n, 3.0), 3.0 + rng.normal(0, 0.5, n)))
    cases.append(regression_case("regression_constant_perfect", np.full(n, 3.0), np.full(n, 3.0)))

    # nearly constant: all 2.5 but three values of 2.75 (exactly representable)
    n = 60
    y = np.full(n, 2.5)
    y[[3, 17, 42]] = 2.75
    cases.append(regression_case("regression_nearly_constant", y, 2.5 + rng.normal(0, 0.05, n)))

    # worse than predicting the mean: negative r2
    n = 80
    y = rng.normal(0, 1, n)
    cases.append(regression_case("regression_negative_r2", y, -y + rng.normal(0, 0.3, n)))
    return cases


# ---------------------------------------------------------------- bootstrap

def percentile_interval(values):
    valid = np.asarray([v for v in values if not math.isnan(v)], dtype=np.float64)
    if valid.size == 0:
        return float("nan"), float("nan"), 0
    lo, hi = np.percentile(valid, [2.5, 97.5])
    return lo, hi, int(valid.size)


def bootstrap_case(base, rounds, seed):
    """Resamples base's rows with the written index arrays and recomputes every metric."""
    rng = np.random.default_rng(seed)
    n = len(base["y"])
    idx = rng.integers(0, n, size=(rounds, n))
    task = base["task"]
    per_metric = {}
    for b in range(rounds):
        i = idx[b]
        if task == "binary":
            vals, _ = binary_metrics(np.asarray(base["y"])[i], np.asarray(base["proba"])[i])
        elif task == "multiclass":
            vals, _ = multiclass_metrics(np.asarray(base["y"])[i], np.asarray(base["proba"])[i], base["n_classes"])
        else:
            vals = regression_metrics(np.asarray(base["y"])[i], np.asarray(base["yhat"])[i])
        for name, v in vals.items():
            per_metric.setdefault(name, []).append(float(v))
    intervals = {}
    for name, values in per_metric.items():
        lo, hi, valid = percentile_interval(values)
        intervals[name] = {"ci_lower": lo, "ci_upper": hi, "valid": valid}
    out = dict(base)
    out["name"] = "bootstrap_" + base["name"]
    out["indices"] = idx
    out["replicates"] = per_metric
    out["intervals"] = intervals
    return out


def make_bootstrap_cases():
    rng = np.random.default_rng(99)
    cases = []

    n = 60
    s = np.round(rng.uniform(0, 1, n), 1)
    y = (rng.uniform(0, 1, n) < 0.2 + 0.6 * s).astype(int)
    cases.append(bootstrap_case(binary_case("binary_ties_small", y, two_columns(s)), 200, 1))

    # two positives in twenty rows: about 12% of resamples hold no positive (AUC, AP undefined)
    n = 20
    y = np.zeros(n, dtype=int)
    y[[4, 11]] = 1
    s = np.round(rng.uniform(0, 1, n), 2)
    s[4] = 0.9
    s[11] = 0.35
    cases.append(bootstrap_case(binary_case("binary_rare", y, two_columns(s)), 200, 2))

    n, k = 50, 3
    yk = rng.integers(0, k, n)
    z = rng.normal(0, 1, (n, k))
    z[np.arange(n), yk] += 1.0
    cases.append(bootstrap_case(multiclass_case("multiclass_small", yk, softmax(z), k), 100, 3))

    n = 40
    x = rng.normal(0, 1, n)
    yr = 2.0 * x + rng.normal(0, 1, n)
    cases.append(bootstrap_case(regression_case("regression_small", yr, 1.9 * x), 100, 4))
    return cases


def main():
    doc = {
        "generator": "make_reference.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "cases": make_binary_cases() + make_multiclass_cases() + make_regression_cases(),
        "bootstrap_cases": make_bootstrap_cases(),
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "reference_metrics.json"), "w") as f:
        json.dump(clean(doc), f, allow_nan=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
