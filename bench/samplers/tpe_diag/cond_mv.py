"""Optuna 3.1 multivariate group TPE on the conditional task of optuna_quality.py (80 trials):
one line "seed best" per seed. Usage: /usr/bin/python3 cond_mv.py SEEDS START"""
import os, sys, warnings
import optuna
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from optuna_quality import conditional  # noqa: E402
optuna.logging.set_verbosity(optuna.logging.ERROR)
warnings.filterwarnings("ignore")
seeds, start = int(sys.argv[1]), int(sys.argv[2])
for s in range(start, start + seeds):
    st = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=s, multivariate=True, group=True))
    st.optimize(conditional, n_trials=80)
    print(s, st.best_value)
