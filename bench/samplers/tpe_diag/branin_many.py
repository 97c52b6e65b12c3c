import math, sys, statistics, optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
def f(t):
    x1 = t.suggest_float("x1", -5, 10); x2 = t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2); c = 5 / math.pi; tt = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10
lo, hi = int(sys.argv[1]), int(sys.argv[2])
for s in range(lo, hi):
    st = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=s)); st.optimize(f, n_trials=60)
    print(st.best_value, flush=True)
