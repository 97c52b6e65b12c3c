import json, sys, numpy as np, optuna
optuna.logging.set_verbosity(optuna.logging.ERROR)
hist = json.load(open("hist.json")); SEEDS = int(sys.argv[1])
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
