import math, sys, optuna, numpy as np
optuna.logging.set_verbosity(optuna.logging.ERROR)
def f(t):
    x1 = t.suggest_float("x1", -5, 10); x2 = t.suggest_float("x2", 0, 15)
    b = 5.1 / (4 * math.pi ** 2); c = 5 / math.pi; tt = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - tt) * math.cos(x1) + 10
seeds, ns = int(sys.argv[1]), [int(a) for a in sys.argv[2:]]
res = {n: [] for n in ns}
for s in range(seeds):
    st = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=s)); st.optimize(f, n_trials=max(ns))
    v = [t.value for t in st.trials]
    for n in ns: res[n].append(min(v[:n]))
for n in ns:
    o = np.array(res[n]); print("optuna n=%d seeds=%d mean=%.4f sd=%.4f se=%.4f" % (n, seeds, o.mean(), o.std(ddof=1), o.std(ddof=1)/seeds**.5))
