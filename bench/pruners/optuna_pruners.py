"""Optuna side of the pruner benchmark (bench/pruners.sh); see PrunerBench.java for the design.

    /usr/bin/python3 optuna_pruners.py [seeds] [N ...]
"""
import math
import statistics
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
STEPS = 81


def curve(x, y, step):
    fin = (x - 0.3) ** 2 + 0.5 * (y - 0.6) ** 2
    return fin + 0.5 * (x + 0.5) / math.sqrt(step + 1.0) + 0.01 * math.sin(1000 * x + 37 * step)


def overhead(name, pruner, n):
    study = optuna.create_study(pruner=pruner, sampler=optuna.samplers.RandomSampler(seed=1))
    for _ in range(n):
        t = study.ask()
        x = t.suggest_float("x", 0, 1)
        for s in range(100):
            t.report(1 + x + 1.0 / (s + 1), s)
        study.tell(t, 1 + x)
    wall, cpu = [], []
    for r in range(1 + 3):
        t = study.ask()
        t.suggest_float("x", 0, 1)
        w0, c0 = time.perf_counter(), time.thread_time()
        for s in range(100):
            t.report(0.0, s)
            if t.should_prune():
                raise RuntimeError("the timed trial must not be stopped")
        c1, w1 = time.thread_time(), time.perf_counter()
        study.tell(t, state=optuna.trial.TrialState.FAIL)
        if r >= 1:
            wall.append((w1 - w0) * 1e6 / 100)
            cpu.append((c1 - c0) * 1e6 / 100)
    print("optuna overhead %s N=%d: %.1f us wall (%.1f us cpu) per report"
          % (name, n, statistics.median(wall), statistics.median(cpu)))


def quality(name, make, seeds):
    steps = best = pruned = 0
    for seed in range(seeds):
        used = [0]

        def obj(trial):
            x = trial.suggest_float("x", 0, 1)
            y = trial.suggest_float("y", 0, 1)
            v = float("nan")
            for s in range(STEPS):
                v = curve(x, y, s)
                used[0] += 1
                trial.report(v, s)
                if trial.should_prune():
                    raise optuna.TrialPruned()
            return v

        study = optuna.create_study(pruner=make(),
                                    sampler=optuna.samplers.RandomSampler(seed=1000 + seed))
        study.optimize(obj, n_trials=60)
        steps += used[0]
        best += study.best_value
        pruned += sum(1 for t in study.trials if t.state == optuna.trial.TrialState.PRUNED)
    print("optuna quality %s: mean steps %.0f, mean best final loss %.4f, mean pruned %.1f of 60"
          % (name, steps / seeds, best / seeds, pruned / seeds))


seeds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
ns = [int(a) for a in sys.argv[2:]] or [100, 1000]
for n in ns:
    overhead("median", optuna.pruners.MedianPruner(5, 0, 1), n)
    overhead("hyperband", optuna.pruners.HyperbandPruner(1, 100, 3), n)
quality("none", optuna.pruners.NopPruner, seeds)
quality("median", lambda: optuna.pruners.MedianPruner(5, 0, 1), seeds)
quality("successive_halving",
        lambda: optuna.pruners.SuccessiveHalvingPruner(min_resource=1, reduction_factor=3), seeds)
quality("hyperband", lambda: optuna.pruners.HyperbandPruner(1, STEPS, 3), seeds)
