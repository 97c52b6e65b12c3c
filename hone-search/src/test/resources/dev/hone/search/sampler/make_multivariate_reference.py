"""Reference values for MultivariateParzenOracleTest.

Oracle: Optuna 3.1.0's ``_ParzenEstimator`` with ``multivariate=True`` and TPESampler's defaults
(consider_prior, prior_weight=1, consider_magic_clip, default_weights) for the kernel weights,
means and bandwidths, its discrete (cell mass) and categorical components, and
scipy.stats.truncnorm for continuous components (Optuna 3.1's ``_truncnorm.logpdf`` leaves out the
1/sigma factor of the density; see make_reference.py). The joint log density is
log sum_i w_i prod_d K_(i,d)(x_d), evaluated here with scipy.special.logsumexp.

    /usr/bin/python3 make_multivariate_reference.py > multivariate_reference.json
"""
import json

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.samplers._tpe import _truncnorm
from optuna.samplers._tpe.parzen_estimator import _ParzenEstimator, _ParzenEstimatorParameters
from optuna.samplers._tpe.sampler import default_weights
from scipy.special import logsumexp
from scipy.stats import truncnorm

PARAMS = _ParzenEstimatorParameters(True, 1.0, True, False, default_weights, True)
SPACE = {
    "c": CategoricalDistribution(["a", "b", "c"]),
    "k": IntDistribution(0, 16, step=4),
    "lr": FloatDistribution(1e-3, 1.0, log=True),
    "x": FloatDistribution(-5.0, 10.0),
}
JSON = {
    "c": {"type": "categorical", "choices": ["a", "b", "c"]},
    "k": {"type": "int", "low": 0, "high": 16, "log": False, "step": 4},
    "lr": {"type": "float", "low": 1e-3, "high": 1.0, "log": True, "step": None},
    "x": {"type": "float", "low": -5.0, "high": 10.0, "log": False, "step": None},
}
rng = np.random.RandomState(3)


def case(n, npts):
    obs = {
        "c": rng.randint(0, 3, size=n).astype(float),
        "k": rng.randint(0, 5, size=n).astype(float) * 4,
        "lr": np.exp(rng.uniform(np.log(1e-3), 0, size=n)),
        "x": rng.uniform(-5, 10, size=n),
    }
    pe = _ParzenEstimator({k: v.copy() for k, v in obs.items()}, SPACE, PARAMS)
    pts = {
        "c": rng.randint(0, 3, size=npts),
        "k": rng.randint(0, 5, size=npts).astype(float) * 4,
        "lr": np.exp(rng.uniform(np.log(1e-3), 0, size=npts)),
        "x": rng.uniform(-5, 10, size=npts),
    }
    w = pe._weights
    comp = np.zeros((npts, len(w)))
    for name in SPACE:
        if name == "c":
            comp += np.log(pe._categorical_weights["c"].T[pts["c"], :])
        elif name == "k":
            lo, hi, q = pe._low["k"], pe._high["k"], pe._q["k"]
            mus, sig = pe._mus["k"], pe._sigmas["k"]
            up = np.minimum(pts["k"] + q / 2, hi)
            dn = np.maximum(pts["k"] - q / 2, lo)
            comp += (_truncnorm._log_gauss_mass((dn[:, None] - mus) / sig, (up[:, None] - mus) / sig)
                     - _truncnorm._log_gauss_mass((lo - mus) / sig, (hi - mus) / sig))
        else:
            lo, hi = pe._low[name], pe._high[name]
            mus, sig = pe._mus[name], pe._sigmas[name]
            y = np.log(pts[name]) if name == "lr" else pts[name]
            comp += truncnorm.logpdf(y[:, None], (lo - mus) / sig, (hi - mus) / sig, loc=mus,
                                     scale=sig)
    logpdf = logsumexp(comp + np.log(w), axis=1)
    return {
        "n": n,
        "observations": {k: list(map(float, v)) for k, v in obs.items()},
        "points": {k: list(map(float, v)) for k, v in pts.items()},
        "weights": list(map(float, w)),
        "mus": {k: list(map(float, pe._mus[k])) for k in ("k", "lr", "x")},
        "sigmas": {k: list(map(float, pe._sigmas[k])) for k in ("k", "lr", "x")},
        "logpdf": list(map(float, logpdf)),
        # Optuna's own log_pdf: continuous kernels of unit peak height (no 1/sigma)
        "optuna_logpdf": list(map(float, pe.log_pdf(
            {k: (v.astype(int) if k == "c" else v) for k, v in pts.items()}))),
    }


print(json.dumps({
    "generator": "make_multivariate_reference.py",
    "optuna": optuna.__version__,
    "space": JSON,
    "cases": [case(0, 4), case(7, 6), case(30, 8)],
}, indent=1))
