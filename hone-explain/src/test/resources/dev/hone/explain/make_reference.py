#!/usr/bin/python3
"""Reference values for the hone-explain tests, from scikit-learn, NumPy and SciPy.

Run with Debian's Python (scikit-learn 1.2.1, NumPy 1.24.2, SciPy 1.10.1):

    /usr/bin/python3 make_reference.py   # writes reference.json beside this script

Contents:
- permutation_importance: sklearn.inspection.permutation_importance on fixed linear and logistic
  models (coefficients stored), with the row permutations sklearn applied, recovered by recording
  every matrix the estimator is asked to predict. Hone replays the same permutations.
- partial_dependence: sklearn.inspection.partial_dependence (method='brute', kind='both') of a
  fixed nonlinear regressor, with sklearn's grid.
- t_quantiles: scipy.stats.t.ppf(0.975, df).
- correlation: numpy.corrcoef of a matrix with correlated columns.
"""
import json
import os

import numpy as np
import scipy.stats
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
from sklearn.inspection import partial_dependence, permutation_importance

rng = np.random.RandomState(20240601)


class Recording:
    def __init__(self):
        self.seen = []


class LinearRegressor(RegressorMixin, BaseEstimator):
    def __init__(self, coef=None, intercept=0.0, rec=None):
        self.coef = coef
        self.intercept = intercept
        self.rec = rec

    def fit(self, X, y):
        return self

    def predict(self, X):
        if self.rec is not None:
            self.rec.seen.append(np.array(X, copy=True))
        return X @ np.asarray(self.coef) + self.intercept


class LogisticClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, coef=None, intercept=0.0, rec=None):
        self.coef = coef
        self.intercept = intercept
        self.rec = rec
        self.classes_ = np.array([0, 1])

    def fit(self, X, y):
        return self

    def predict_proba(self, X):
        if self.rec is not None:
            self.rec.seen.append(np.array(X, copy=True))
        p1 = 1.0 / (1.0 + np.exp(-(X @ np.asarray(self.coef) + self.intercept)))
        return np.column_stack([1 - p1, p1])

    def predict(self, X):
        return (self.predict_proba(X)[:, 1] > 0.5).astype(int)

    def decision_function(self, X):
        if self.rec is not None:
            self.rec.seen.append(np.array(X, copy=True))
        return X @ np.asarray(self.coef) + self.intercept


def recover_permutations(X, seen, n_repeats):
    """Maps each recorded matrix back to (column, row permutation of the original X)."""
    out = []
    for Xp in seen:
        diff = np.where(np.any(Xp != X, axis=0))[0]
        if len(diff) == 0:
            continue  # the baseline call (or a permutation that happened to be the identity)
        assert len(diff) == 1, diff
        col = int(diff[0])
        lookup = {v: i for i, v in enumerate(X[:, col])}
        assert len(lookup) == X.shape[0], "column values must be distinct"
        perm = [lookup[v] for v in Xp[:, col]]
        out.append({"column": col, "permutation": perm})
    return out


def importance_case(name, est, X, y, scoring, n_repeats, seed):
    est.rec = Recording()
    r = permutation_importance(est, X, y, scoring=scoring, n_repeats=n_repeats, random_state=seed)
    perms = recover_permutations(X, est.rec.seen, n_repeats)
    assert len(perms) == X.shape[1] * n_repeats, len(perms)
    return {
        "name": name,
        "scoring": scoring,
        "n_repeats": n_repeats,
        "coef": list(map(float, est.coef)),
        "intercept": float(est.intercept),
        "X": X.tolist(),
        "y": y.tolist(),
        "permutations": perms,
        "importances": r.importances.tolist(),
        "importances_mean": r.importances_mean.tolist(),
        "importances_std": r.importances_std.tolist(),
    }


ref = {}

# regression: 120 rows, 5 features, the last one ignored by the model
n, p = 120, 5
X = rng.normal(size=(n, p))
coef = [1.5, -2.0, 0.7, 0.3, 0.0]
y = X @ np.array(coef) + 0.4 + rng.normal(scale=0.5, size=n)
ref["permutation_r2"] = importance_case(
    "linear r2", LinearRegressor(coef=coef, intercept=0.4), X, y, "r2", 6, 3)

# binary classification: roc_auc and neg_log_loss
Xc = rng.normal(size=(150, 4))
coefc = [1.2, -0.8, 0.5, 0.0]
pc = 1 / (1 + np.exp(-(Xc @ np.array(coefc) - 0.2)))
yc = (rng.uniform(size=150) < pc).astype(int)
ref["permutation_roc_auc"] = importance_case(
    "logistic roc_auc", LogisticClassifier(coef=coefc, intercept=-0.2), Xc, yc, "roc_auc", 4, 5)
ref["permutation_log_loss"] = importance_case(
    "logistic neg_log_loss", LogisticClassifier(coef=coefc, intercept=-0.2), Xc, yc,
    "neg_log_loss", 4, 8)


# partial dependence of a fixed nonlinear regressor
class Nonlinear(RegressorMixin, BaseEstimator):
    def fit(self, X, y):
        self.fitted_ = True
        return self

    def predict(self, X):
        return np.sin(X[:, 0]) * X[:, 1] + 0.5 * X[:, 2] ** 2 - X[:, 0] * X[:, 2]


Xd = rng.normal(size=(80, 3))
est = Nonlinear().fit(Xd, np.zeros(80))
pd_cases = []
for feature in [0, 2]:
    r = partial_dependence(est, Xd, [feature], method="brute", kind="both", grid_resolution=15)
    pd_cases.append({
        "feature": feature,
        "grid": r["values"][0].tolist(),
        "average": r["average"][0].tolist(),
        "individual": r["individual"][0].tolist(),
    })
ref["partial_dependence"] = {"X": Xd.tolist(), "cases": pd_cases}

ref["t_quantiles"] = {str(df): float(scipy.stats.t.ppf(0.975, df)) for df in [1, 2, 3, 4, 5, 9, 19, 29, 99]}

Xr = rng.normal(size=(60, 4))
Xr[:, 1] = 0.9 * Xr[:, 0] + 0.3 * rng.normal(size=60)
Xr[:, 3] = -Xr[:, 2] + 0.1 * rng.normal(size=60)
ref["correlation"] = {"X": Xr.tolist(), "corrcoef": np.corrcoef(Xr, rowvar=False).tolist()}

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json"), "w") as f:
    json.dump(ref, f, indent=1)
print("wrote reference.json")
