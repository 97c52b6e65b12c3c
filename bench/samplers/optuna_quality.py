"""Optuna side of the optimisation-quality benchmark (bench/samplers.sh): the same tasks and
budgets as SamplerQualityBench.java; mean and standard deviation of the best value over seeds
0..S-1 for Optuna's TPESampler (default, and multivariate=True, group=True) and RandomSampler.
Optuna 3.1 has no Gaussian-process sampler of its own (BoTorchSampler needs BoTorch), so GP is
run on the Hone side only.

    /usr/bin/python3 optuna_quality.py [SEEDS] [sampler ...]
"""
import math
import statistics
import sys
import time
import warnings

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")


def branin_xy(x1, x2):
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    t = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10


A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8],
              [17, 8, 0.05, 10, 0.1, 14]])
P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
ALPHA = np.array([1.0, 1.2, 3.0, 3.2])


def branin(t):
    return branin_xy(t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15))


def hartmann6(t):
    x = np.array([t.suggest_float("x%d" % j, 0, 1) for j in range(6)])
    return float(-np.sum(ALPHA * np.exp(-np.sum(A * (x - P) ** 2, axis=1))))


def rosenbrock10(t):
    x = [t.suggest_float("x%d" % j, -2.048, 2.048) for j in range(10)]
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(9))


def conditional(t):
    kind = t.suggest_categorical("kind", ["quad", "branin"])
    if kind == "quad":
        x = t.suggest_float("x", -3, 3)
        n = t.suggest_int("n", 1, 20)
        lr = t.suggest_float("lr", 1e-4, 1, log=True)
        return (x - 1) ** 2 + (n - 7) ** 2 / 20.0 + (math.log10(lr) + 2) ** 2
    return branin_xy(t.suggest_float("a", -5, 10), t.suggest_float("b", 0, 15))


TASKS = [("branin", 60, branin), ("hartmann6", 100, hartmann6),
         ("rosenbrock10", 100, rosenbrock10), ("conditional", 80, conditional)]
SAMPLERS = {
    "tpe": lambda s: optuna.samplers.TPESampler(seed=s),
    "tpe-mv": lambda s: optuna.samplers.TPESampler(seed=s, multivariate=True, group=True),
    "random": lambda s: optuna.samplers.RandomSampler(seed=s),
}


def main():
    seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    which = sys.argv[2:] or list(SAMPLERS)
    for name, budget, f in TASKS:
        for sname in which:
            t0 = time.perf_counter()
            best = []
            for seed in range(seeds):
                st = optuna.create_study(sampler=SAMPLERS[sname](seed))
                st.optimize(f, n_trials=budget)
                best.append(st.best_value)
            print("optuna %s %s budget=%d seeds=%d mean_best=%.6g sd=%.3g seconds=%.1f"
                  % (name, sname, budget, seeds, statistics.mean(best),
                     statistics.stdev(best) if seeds > 1 else 0.0, time.perf_counter() - t0),
                  flush=True)


if __name__ == "__main__":
    main()
