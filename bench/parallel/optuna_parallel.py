"""Peer side of bench/parallel/run.sh: Optuna's own thread-parallel optimize (n_jobs) with a cheap
objective (two suggestions, 5 ms of sleep), in memory and on SQLite; prints one line per
measurement: `optuna STORE JOBS TRIALS WALL_MS`."""
import os
import sys
import tempfile
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)


def objective(trial):
    x = trial.suggest_float("x", -3, 3)
    k = trial.suggest_int("k", 1, 50)
    time.sleep(0.005)
    return x * x + k / 100


def once(store, jobs, trials):
    with tempfile.TemporaryDirectory() as d:
        storage = None if store == "memory" else "sqlite:///" + os.path.join(d, "o.db")
        study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=1))
        t0 = time.perf_counter()
        study.optimize(objective, n_trials=trials, n_jobs=jobs)
        wall = (time.perf_counter() - t0) * 1000
        done = sum(1 for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE)
        return wall, done


def main():
    trials, repeats = int(sys.argv[1]), int(sys.argv[2])
    for store in ("memory", "sqlite"):
        for jobs in (1, 2, 4):
            once(store, jobs, trials)  # warm-up
            for _ in range(repeats):
                wall, done = once(store, jobs, trials)
                print(f"optuna {store} {jobs} {done} {wall:.0f}", flush=True)


if __name__ == "__main__":
    main()
