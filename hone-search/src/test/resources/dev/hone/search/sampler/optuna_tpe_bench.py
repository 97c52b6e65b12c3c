"""Reference for TpeBenchmarkTest: best values of Optuna 3.1.0's TPESampler and RandomSampler
(default settings) for seeds 0..29 at 60 trials on Branin and Hartmann-6, with their means.

    /usr/bin/python3 optuna_tpe_bench.py > optuna_tpe_bench.json
"""
import json
import math

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)
SEEDS = 30


def branin(t):
    x1 = t.suggest_float("x1", -5, 10)
    x2 = t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    c = 5 / math.pi
    tt = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10


A = np.array([[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8],
              [17, 8, 0.05, 10, 0.1, 14]])
P = 1e-4 * np.array([[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
                     [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]])
AL = np.array([1.0, 1.2, 3.0, 3.2])


def h6(t):
    x = np.array([t.suggest_float("x%d" % j, 0, 1) for j in range(6)])
    return float(-np.sum(AL * np.exp(-np.sum(A * (x - P) ** 2, axis=1))))


out = {"optuna": optuna.__version__, "seeds": SEEDS, "trials": 60}
for name, f in [("branin", branin), ("h6", h6)]:
    for sname, S in [("tpe", optuna.samplers.TPESampler), ("rnd", optuna.samplers.RandomSampler)]:
        bs = []
        for seed in range(SEEDS):
            st = optuna.create_study(sampler=S(seed=seed))
            st.optimize(f, n_trials=60)
            bs.append(st.best_value)
        out[name + "_" + sname] = float(np.mean(bs))
        out[name + "_" + sname + "_bests"] = [float(b) for b in bs]
print(json.dumps(out, indent=1))
