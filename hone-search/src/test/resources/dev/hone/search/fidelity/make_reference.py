"""Reference values for RankCorrelationTest: scipy.stats.spearmanr and kendalltau (tau-b, the
default variant) on seeded cases with and without ties, and the Fisher z interval for Spearman's
rho with variance 1.06 / (n - 3) (Fieller, Hartley and Pearson 1957) from scipy's normal quantile.

Run with /usr/bin/python3 (Debian's numpy and scipy):
  python3 make_reference.py > rank_reference.json
"""
import json
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261130)
cases = []


def add(name, x, y):
    x = [float(v) for v in x]
    y = [float(v) for v in y]
    rho = stats.spearmanr(x, y).statistic
    tau = stats.kendalltau(x, y, variant="b").statistic
    cases.append({"name": name, "x": x, "y": y,
                  "spearman": None if np.isnan(rho) else float(rho),
                  "kendall": None if np.isnan(tau) else float(tau)})


add("small_no_ties", [1, 2, 3, 4, 5], [5, 6, 7, 8, 7.5])
add("reversed", [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1])
add("ties_both", [1, 2, 2, 3, 3, 3, 4, 5], [2, 1, 1, 3, 4, 4, 4, 5])
add("ties_x_only", [0.8, 0.8, 0.8, 0.9, 0.7, 0.75, 0.85], [0.1, 0.2, 0.3, 0.4, 0.0, 0.05, 0.5])
add("constant_y", [1, 2, 3, 4], [7, 7, 7, 7])
for i in range(6):
    n = int(rng.integers(8, 40))
    x = rng.normal(size=n)
    y = 0.6 * x + rng.normal(size=n)
    if i % 2 == 1:  # heavy ties: round to one decimal / integers
        x = np.round(x, 1)
        y = np.round(y)
    add(f"random_{i}_n{n}", x, y)

fisher = []
for rho, n, conf in [(0.7, 12, 0.95), (0.3, 8, 0.90), (-0.5, 30, 0.95), (0.95, 16, 0.99)]:
    z = np.arctanh(rho)
    half = stats.norm.ppf(1 - (1 - conf) / 2) * np.sqrt(1.06 / (n - 3))
    fisher.append({"rho": rho, "n": n, "confidence": conf,
                   "low": float(np.tanh(z - half)), "high": float(np.tanh(z + half))})

print(json.dumps({"scipy": scipy.__version__, "numpy": np.__version__,
                  "cases": cases, "fisher": fisher}, indent=1))
