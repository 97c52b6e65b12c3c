# Optuna 3.1 TPE on Branin: per seed "seed best@45 best@60 x1 x2" (the side of BestDump.java).
# Usage: /usr/bin/python3 best_dump.py SEEDS N [START]
import math, sys, optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
def f(t):
    x1 = t.suggest_float("x1", -5, 10); x2 = t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2); c = 5 / math.pi; tt = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10
seeds, n = int(sys.argv[1]), int(sys.argv[2]); start = int(sys.argv[3]) if len(sys.argv) > 3 else 0
for s in range(start, start + seeds):
    st = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=s)); st.optimize(f, n_trials=n)
    v = [t.value for t in st.trials]
    bt = st.best_trial
    print(s, min(v[:45]), min(v), bt.params["x1"], bt.params["x2"])
