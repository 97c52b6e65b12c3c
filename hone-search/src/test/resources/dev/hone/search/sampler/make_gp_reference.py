"""Reference values for GpSamplerTest.

- Gaussian-process posterior and log marginal likelihood for a fixed Matern 5/2 ARD kernel, with
  numpy/scipy (scipy.linalg.cho_factor/cho_solve), independently of the Java code:
  k(x, x') = s (1 + sqrt5 r + 5 r^2/3) exp(-sqrt5 r), r^2 = sum_d (x_d - x'_d)^2 / l_d^2.
- log h(z) = log(phi(z) + z Phi(z)) of log expected improvement, with mpmath at 60 digits.

    /usr/bin/python3 make_gp_reference.py > gp_reference.json
"""
import json

import mpmath
import numpy as np
from scipy.linalg import cho_factor, cho_solve

rng = np.random.RandomState(5)
n, dim = 12, 3
X = rng.uniform(size=(n, dim))
y = np.sin(3 * X[:, 0]) + X[:, 1] ** 2 - 0.5 * X[:, 2] + 0.05 * rng.normal(size=n)
ls = np.array([0.3, 0.7, 1.5])
signal, noise = 1.3, 0.01


def k(a, b):
    d = (a[:, None, :] - b[None, :, :]) / ls
    r2 = np.sum(d * d, axis=2)
    r = np.sqrt(r2)
    return signal * (1 + np.sqrt(5) * r + 5.0 / 3.0 * r2) * np.exp(-np.sqrt(5) * r)


K = k(X, X) + noise * np.eye(n)
c = cho_factor(K, lower=True)
alpha = cho_solve(c, y)
Q = rng.uniform(size=(5, dim))
Ks = k(Q, X)
mean = Ks @ alpha
var = signal - np.sum(Ks * cho_solve(c, Ks.T).T, axis=1)
L = np.linalg.cholesky(K)
mll = -0.5 * y @ alpha - np.sum(np.log(np.diag(L))) - 0.5 * n * np.log(2 * np.pi)

mpmath.mp.dps = 60
zs = [-1e6, -1e4, -300.0, -40.0, -20.0, -10.0, -5.0, -2.0, -1.0001, -1.0, -0.9999, -0.5, 0.0,
      0.5, 1.0, 3.0, 10.0, 40.0]


def log_h(z):
    z = mpmath.mpf(z)
    phi = mpmath.exp(-z * z / 2) / mpmath.sqrt(2 * mpmath.pi)
    cdf = mpmath.ncdf(z)
    return float(mpmath.log(phi + z * cdf))


print(json.dumps({
    "generator": "make_gp_reference.py",
    "numpy": np.__version__,
    "mpmath": mpmath.__version__,
    "x": X.tolist(), "y": y.tolist(), "lengthscales": ls.tolist(), "signal": signal,
    "noise": noise, "query": Q.tolist(), "mean": mean.tolist(), "var": var.tolist(),
    "log_marginal_likelihood": float(mll),
    "logh_z": zs, "logh": [log_h(z) for z in zs],
}, indent=1))
