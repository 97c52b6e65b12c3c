import json, math, sys
import numpy as np, optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
def branin(x1, x2):
    b = 5.1 / (4 * math.pi ** 2); c = 5 / math.pi; t = 1 / (8 * math.pi)
    return (x2 - b * x1 * x1 + c * x1 - 6) ** 2 + 10 * (1 - t) * math.cos(x1) + 10
N = int(sys.argv[1]); SEEDS = int(sys.argv[2]); hseed = int(sys.argv[3])
st0 = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=hseed))
st0.optimize(lambda t: branin(t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15)), n_trials=N)
hist = [[t.params["x1"], t.params["x2"], t.value] for t in st0.trials]
json.dump(hist, open("hist.json", "w"))
D1 = optuna.distributions.FloatDistribution(-5, 10); D2 = optuna.distributions.FloatDistribution(0, 15)
study = optuna.create_study()
for x1, x2, v in hist:
    study.add_trial(optuna.trial.create_trial(params={"x1": x1, "x2": x2}, distributions={"x1": D1, "x2": D2}, value=v))
out = []
for s in range(SEEDS):
    study.sampler = optuna.samplers.TPESampler(seed=s)
    t = study.ask()
    out.append([t.suggest_float("x1", -5, 10), t.suggest_float("x2", 0, 15)])
np.savetxt("optuna.txt", np.array(out))
