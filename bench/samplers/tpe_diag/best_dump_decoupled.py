# Optuna 3.1 TPE on Branin with the start-up RandomSampler seeded apart from the TPE generator
# (TPESampler(seed=s) seeds both with s, so their streams coincide).
import math, sys, optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
def f(t):
    x1 = t.suggest_float("x1", -5, 10); x2 = t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2); c = 5 / math.pi; tt = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10
seeds, n, start = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
for s in range(start, start + seeds):
    sampler = optuna.samplers.TPESampler(seed=s)
    sampler._random_sampler = optuna.samplers.RandomSampler(seed=s + 1_000_003)
    st = optuna.create_study(sampler=sampler); st.optimize(f, n_trials=n)
    v = [t.value for t in st.trials]
    bt = st.best_trial
    print(s, min(v[:45]), min(v), bt.params["x1"], bt.params["x2"])
