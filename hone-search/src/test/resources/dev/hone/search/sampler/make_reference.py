"""Reference values for ParzenEstimatorOracleTest and NormalMathTest.

Oracles: Optuna 3.1.0's univariate ``_ParzenEstimator`` (TPESampler defaults: consider_prior=True,
prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False, default_weights) for kernel
weights, means and bandwidths and for the log-probabilities of discrete values; scipy.stats.truncnorm
for the log-densities of continuous values, evaluated on Optuna's kernels. (Optuna 3.1's own
``_truncnorm.logpdf`` leaves out the 1/sigma factor of the density, which changes the mixture, so
its continuous log_pdf is the reference only for TPE's unit-height kernels, "optuna_logpdf".)
scipy.special gives erfc and log_ndtr.
Run with the system interpreter:

    /usr/bin/python3 make_reference.py > parzen_reference.json
"""
import json
import math

import numpy as np
import optuna
import scipy
from scipy.stats import truncnorm
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights
from scipy import special

PARAMS = _ParzenEstimatorParameters(
    consider_prior=True,
    prior_weight=1.0,
    consider_magic_clip=True,
    consider_endpoints=False,
    weights=default_weights,
    multivariate=False,
)

rng = np.random.RandomState(7)
cases = []


def add(name, dist, kind, obs, points, dist_json):
    pe = _ParzenEstimator({"x": np.asarray(obs, dtype=float)}, {"x": dist}, PARAMS)
    logpdf = pe.log_pdf({"x": np.asarray(points, dtype=float if kind != "categorical" else int)})
    optuna_logpdf = list(map(float, logpdf))
    continuous = isinstance(dist, FloatDistribution) and dist.step is None
    if continuous:
        mus, sigmas, w = pe._mus["x"], pe._sigmas["x"], pe._weights
        lo, hi = pe._low["x"], pe._high["x"]
        ys = np.log(points) if dist.log else np.asarray(points, dtype=float)
        logpdf = [
            float(np.log(np.sum(w * truncnorm.pdf(y, (lo - mus) / sigmas, (hi - mus) / sigmas,
                                                  loc=mus, scale=sigmas))))
            for y in ys
        ]
    case = {
        "name": name,
        "kind": kind,
        "distribution": dist_json,
        "observations": list(map(float, obs)),
        "points": list(map(float, points)),
        "logpdf": list(map(float, logpdf)),
        "weights": list(map(float, pe._weights)),
        # Optuna's own values: for continuous parameters its kernels of unit peak height
        "optuna_logpdf": optuna_logpdf,
    }
    if kind != "categorical":
        case["mus"] = list(map(float, pe._mus["x"]))
        case["sigmas"] = list(map(float, pe._sigmas["x"]))
        case["low"] = float(pe._low["x"])
        case["high"] = float(pe._high["x"])
    cases.append(case)


# continuous float, few observations (with a repeated value to exercise the bandwidth clip)
obs = [-3.0, 0.5, 0.5, 2.0, 7.5, 9.9, 4.2]
add("float", FloatDistribution(-5.0, 10.0), "float", obs, [-5.0, -2.9, 0.0, 0.5, 3.3, 9.99, 10.0],
    {"type": "float", "low": -5.0, "high": 10.0, "log": False, "step": None})

# log float, 30 observations (linear forgetting of the 5 oldest); Optuna's log_pdf takes values in
# the original space and logs them itself
obs = list(np.exp(rng.uniform(np.log(1e-3), np.log(1.0), size=30)))
pts = [1e-3, 3e-3, 0.02, 0.1, 0.5, 1.0]
add("float_log", FloatDistribution(1e-3, 1.0, log=True), "float", obs, pts,
    {"type": "float", "low": 1e-3, "high": 1.0, "log": True, "step": None})

# stepped float
obs = [0.0, 0.1, 0.1, 0.5, 0.9, 1.0]
add("float_step", FloatDistribution(0.0, 1.0, step=0.1), "float", obs, [0.0, 0.1, 0.3, 0.7, 1.0],
    {"type": "float", "low": 0.0, "high": 1.0, "log": False, "step": 0.1})

# int
obs = [1, 3, 3, 3, 7, 12, 20, 20]
add("int", IntDistribution(1, 20), "int", obs, [1, 2, 3, 10, 19, 20],
    {"type": "int", "low": 1, "high": 20, "log": False, "step": 1})

# int with step
obs = [0, 4, 8, 8, 16]
add("int_step", IntDistribution(0, 16, step=4), "int", obs, [0, 4, 8, 12, 16],
    {"type": "int", "low": 0, "high": 16, "log": False, "step": 4})

# empty observation set: prior only
add("float_empty", FloatDistribution(0.0, 1.0), "float", [], [0.0, 0.25, 0.5, 1.0],
    {"type": "float", "low": 0.0, "high": 1.0, "log": False, "step": None})

# categorical
obs = [0, 2, 2, 1, 2]
add("categorical", CategoricalDistribution(["a", "b", "c", "d"]), "categorical", obs, [0, 1, 2, 3],
    {"type": "categorical", "choices": ["a", "b", "c", "d"]})

xs = [-30.0, -5.0, -2.5, -1.0, -0.3, 0.0, 1e-8, 0.3, 0.99, 1.0, 1.5, 1.999, 2.0, 2.5, 4.0, 10.0, 26.0]
zs = [-60.0, -40.0, -38.0, -20.0, -8.0, -3.0, -1.0, 0.0, 0.5, 2.0, 5.0, 9.0]
normal = {
    "erfc_x": xs,
    "erfc": [float(special.erfc(x)) for x in xs],
    "logphi_z": zs,
    "logphi": [float(special.log_ndtr(z)) for z in zs],
}

print(json.dumps({
    "generator": "make_reference.py",
    "optuna": optuna.__version__,
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "cases": cases,
    "normal": normal,
}, indent=1))
