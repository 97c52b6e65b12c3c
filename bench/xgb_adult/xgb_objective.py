"""XGBoost-on-Adult objective shared by both sides of bench/xgb_adult.sh, so the samplers are
compared on one and the same function: Debian's python3-xgboost (1.7.4), the same split and the
same preprocessing for every trial.

Data: adult.data.gz from the shared datasets folder (32,561 rows; the separate test file is not
used). Split (kept small so that many seeds are affordable on a 2-core machine): a stratified 30%
of the rows (9,768) for training and another disjoint 15% (4,885) for validation, with
scikit-learn's train_test_split (random_state=0); the rest is not used. Preprocessing: categorical columns one-hot encoded (pandas.get_dummies), '?'
as missing. Objective: validation ROC AUC of xgb.train with tree_method=hist, max_bin=64, nthread=1,
seed=0,
at most 100 rounds with early stopping after 20 rounds without improvement (the best round's AUC).

Search space (the hints of Hone's XGBoost learner, XGBoostParams): learning_rate log [0.01, 0.3],
max_depth int [2, 10], min_child_weight log [0.01, 100], subsample [0.5, 1], colsample_bytree
[0.5, 1], reg_lambda log [1e-3, 10], reg_alpha log [1e-3, 10], gamma [0, 5].

    python3 xgb_objective.py serve            # JSON params per stdin line -> AUC per stdout line
    python3 xgb_objective.py optuna SEEDS TRIALS [tpe|tpe-mv|random ...]
"""
import gzip
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np
import pandas as pd
import xgboost as xgb
from sklearn.model_selection import train_test_split

warnings.filterwarnings("ignore")

COLUMNS = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status",
           "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss",
           "hours-per-week", "native-country", "income"]
ROUNDS = 100
PATIENCE = 20


def data_dir():
    d = os.environ.get("HONE_DATA_MIRROR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "datasets")
    path = os.path.join(d, "adult", "adult.data.gz")
    if not os.path.exists(path):
        sys.exit("adult.data.gz not found under %s; set HONE_DATA_MIRROR to the datasets folder" % d)
    return path


def load():
    with gzip.open(data_dir(), "rt") as f:
        df = pd.read_csv(f, header=None, names=COLUMNS, skipinitialspace=True, na_values="?")
    df = df.dropna(subset=["income"])
    y = (df.pop("income").str.strip().str.rstrip(".") == ">50K").astype(int).to_numpy()
    x = pd.get_dummies(df, dummy_na=False).astype(float).to_numpy()
    xt, rest, yt, yrest = train_test_split(x, y, train_size=0.30, stratify=y, random_state=0)
    xv, _, yv, _ = train_test_split(rest, yrest, train_size=0.15 / 0.70, stratify=yrest,
                                    random_state=0)
    return xgb.DMatrix(xt, label=yt), xgb.DMatrix(xv, label=yv)


DTRAIN, DVALID = None, None


def auc(params):
    global DTRAIN, DVALID
    if DTRAIN is None:
        DTRAIN, DVALID = load()
    p = dict(params)
    p.update(objective="binary:logistic", eval_metric="auc", tree_method="hist", max_bin=64, nthread=1,
             seed=0, verbosity=0)
    b = xgb.train(p, DTRAIN, ROUNDS, evals=[(DVALID, "valid")],
                  early_stopping_rounds=PATIENCE, verbose_eval=False)
    return float(b.best_score)


def suggest(t):
    return {
        "learning_rate": t.suggest_float("learning_rate", 0.01, 0.3, log=True),
        "max_depth": t.suggest_int("max_depth", 2, 10),
        "min_child_weight": t.suggest_float("min_child_weight", 0.01, 100, log=True),
        "subsample": t.suggest_float("subsample", 0.5, 1.0),
        "colsample_bytree": t.suggest_float("colsample_bytree", 0.5, 1.0),
        "reg_lambda": t.suggest_float("reg_lambda", 1e-3, 10, log=True),
        "reg_alpha": t.suggest_float("reg_alpha", 1e-3, 10, log=True),
        "gamma": t.suggest_float("gamma", 0.0, 5.0),
    }


def serve():
    for line in sys.stdin:
        line = line.strip()
        if line:
            print(repr(auc(json.loads(line))), flush=True)


def run_optuna(seeds, trials, which):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    samplers = {
        "tpe": lambda s: optuna.samplers.TPESampler(seed=s),
        "tpe-mv": lambda s: optuna.samplers.TPESampler(seed=s, multivariate=True, group=True),
        "random": lambda s: optuna.samplers.RandomSampler(seed=s),
    }
    best = {name: [] for name in which}
    secs = {name: 0.0 for name in which}
    for seed in range(seeds):
        for name in which:
            t0 = time.perf_counter()
            st = optuna.create_study(direction="maximize", sampler=samplers[name](seed))
            st.optimize(lambda t: auc(suggest(t)), n_trials=trials)
            secs[name] += time.perf_counter() - t0
            best[name].append(st.best_value)
            print("optuna %s seed=%d best=%.6f" % (name, seed, st.best_value), flush=True)
    for name in which:
        b = best[name]
        sd = statistics.stdev(b) if seeds > 1 else 0.0
        print("optuna xgb-adult %s trials=%d seeds=%d mean_best=%.5f sd=%.5f se=%.5f seconds=%.0f"
              % (name, trials, seeds, statistics.mean(b), sd, sd / seeds ** 0.5, secs[name]),
              flush=True)

if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    else:
        run_optuna(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:] or ["tpe", "tpe-mv"])
