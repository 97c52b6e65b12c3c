#!/usr/bin/python3
"""Writes reference_sensitivity.json for the dev.hone.eval.sensitivity tests.

Run from this directory with the system interpreter:

    /usr/bin/python3 make_reference.py

Contents:
  * the analytic Sobol' indices of the Ishigami function
        f(x) = sin(x1) + a sin(x2)^2 + b x3^4 sin(x1),   x_i ~ U(-pi, pi) independent,
    a = 7, b = 0.1 (Ishigami and Homma 1990; the variance decomposition as in Sobol' and Levitan
    1999 and Saltelli et al. 2010):
        V1  = (1 + b pi^4 / 5)^2 / 2,   V2 = a^2 / 8,   V3 = 0,
        V13 = b^2 pi^8 (1/18 - 1/50),   V = V1 + V2 + V13,
        S1 = V1/V, S2 = V2/V, S3 = 0, ST1 = (V1 + V13)/V, ST2 = V2/V, ST3 = V13/V;
    the closed forms are checked here against numerical integration with scipy (V1 and the
    total variance by quadrature);
  * ICE grids: numpy.percentile(x, numpy.linspace(5, 95, G)) made unique, or the distinct values
    when there are at most G, for seeded feature columns (float32-rounded, as the Java side
    receives them).
"""

import json
import math

import numpy as np
import scipy
from scipy import integrate


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


def ishigami(a=7.0, b=0.1):
    pi = math.pi
    v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = b ** 2 * pi ** 8 * (1.0 / 18 - 1.0 / 50)
    v = v1 + v2 + v13
    # check: E[f] and Var[f] by quadrature over the cube (density (2 pi)^-3)
    f = lambda x3, x2, x1: (math.sin(x1) + a * math.sin(x2) ** 2
                            + b * x3 ** 4 * math.sin(x1))
    dens = (2 * pi) ** -3
    mean = integrate.tplquad(lambda x3, x2, x1: f(x3, x2, x1) * dens, -pi, pi, -pi, pi, -pi, pi)[0]
    second = integrate.tplquad(lambda x3, x2, x1: f(x3, x2, x1) ** 2 * dens,
                               -pi, pi, -pi, pi, -pi, pi)[0]
    assert abs((second - mean ** 2) - v) < 1e-6 * v, (second - mean ** 2, v)
    # V1 = Var(E[f | x1]) with E[f | x1] = sin(x1) (1 + b E[x3^4]) + a E[sin^2]
    g1 = lambda x1: math.sin(x1) * (1 + b * pi ** 4 / 5) + a / 2
    e1 = integrate.quad(lambda x1: g1(x1) / (2 * pi), -pi, pi)[0]
    e1sq = integrate.quad(lambda x1: g1(x1) ** 2 / (2 * pi), -pi, pi)[0]
    assert abs((e1sq - e1 ** 2) - v1) < 1e-9 * v1
    return {
        "a": a, "b": b, "variance": v,
        "first_order": [v1 / v, v2 / v, 0.0],
        "total": [(v1 + v13) / v, v2 / v, v13 / v],
    }


def ice_grid(x, g, lo=5.0, hi=95.0):
    x = x[~np.isnan(x)]
    u = np.unique(x)
    if u.size <= g:
        return u
    return np.unique(np.percentile(x, np.linspace(lo, hi, g)))


def main():
    rng = np.random.default_rng(99)
    n = 500
    cols = {
        "lognormal": rng.lognormal(0, 1, n),
        "few_levels": rng.integers(0, 4, n).astype(float),
        "with_missing": np.where(rng.random(n) < 0.2, np.nan, rng.normal(10, 3, n)),
        "ties": np.round(rng.normal(0, 1, n), 1),
    }
    names = list(cols)
    x = np.column_stack([cols[k] for k in names]).astype(np.float32).astype(np.float64)
    grids = {g: [ice_grid(x[:, j], g) for j in range(len(names))] for g in (5, 20)}
    out = {
        "generator": "make_reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "ishigami": ishigami(),
        "ice": {"names": names, "x": x, "grids_5": grids[5], "grids_20": grids[20]},
    }
    with open("reference_sensitivity.json", "w") as f:
        json.dump(clean(out), f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
