"""Optuna side of the sampler-overhead benchmark (bench/samplers.sh).

History of N finished trials with random values in the 10-parameter mixed space of
SamplerOverheadBench.java, added once with study.add_trials; then each timed step is ask(), the 10
suggestions and tell(). Prints one line per (sampler, N) with the median and mean wall
milliseconds and the median and minimum CPU milliseconds (time.thread_time) over the timed steps.

    /usr/bin/python3 optuna_overhead.py [warmup] [repeats] [N ...]
"""
import statistics
import sys
import time

import numpy as np
import optuna
from optuna.distributions import CategoricalDistribution as C
from optuna.distributions import FloatDistribution as F
from optuna.distributions import IntDistribution as I

optuna.logging.set_verbosity(optuna.logging.ERROR)
import warnings
warnings.filterwarnings("ignore")

SPACE = {
    "x0": F(-5, 5), "x1": F(0, 1), "lr": F(1e-5, 1, log=True), "q": F(0, 1, step=0.05),
    "depth": I(1, 12), "leaves": I(2, 512, log=True), "bins": I(16, 256, step=16), "n": I(0, 100),
    "booster": C(["gbtree", "dart", "gblinear"]), "loss": C(["a", "b", "c", "d", "e"]),
}


def history(n, rng):
    rs = optuna.samplers.RandomSampler(seed=7)
    study = optuna.create_study(sampler=rs)
    for _ in range(n):
        t = study.ask(SPACE)
        study.tell(t, float(rng.uniform()))
    return study


def main():
    warmup = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    sizes = [int(a) for a in sys.argv[3:]] or [100, 1000, 5000]
    rng = np.random.RandomState(7)
    for n in sizes:
        for mode in ("independent", "multivariate"):
            study = history(n, rng)
            study.sampler = optuna.samplers.TPESampler(seed=1, multivariate=(mode == "multivariate"))
            wall, cpu = [], []
            for i in range(warmup + repeats):
                t0, c0 = time.perf_counter(), time.thread_time()
                t = study.ask()
                for name, d in SPACE.items():
                    t._suggest(name, d)
                study.tell(t, float(rng.uniform()))
                t1, c1 = time.perf_counter(), time.thread_time()
                if i >= warmup:
                    wall.append((t1 - t0) * 1e3)
                    cpu.append((c1 - c0) * 1e3)
            print("optuna tpe-%s n=%d median_ms=%.3f mean_ms=%.3f cpu_median_ms=%.3f"
                  " cpu_min_ms=%.3f"
                  % (mode, n, statistics.median(wall), statistics.mean(wall),
                     statistics.median(cpu), min(cpu)), flush=True)


if __name__ == "__main__":
    main()
