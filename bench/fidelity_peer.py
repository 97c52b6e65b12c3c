"""Peer of FidelityBench: random search at full fidelity, then Optuna 3.1's HyperbandPruner and
SuccessiveHalvingPruner (TPE sampler, Optuna's default) over XGBoost boosting rounds, on the split
Hone wrote (float32 features, float64 labels). Same search space and XGBoost settings as Hone's
learner: hist trees, n_estimators 1000 with early stopping after 50 rounds on the validation
logloss, one thread; ROC AUC on the validation rows at the best iteration. CPU seconds are the
process's (time.process_time, all threads). Prints one JSON line per (seed, method).

Usage: python3 fidelity_peer.py DIR SEEDS RS_TRIALS MAX_TRIALS MIN_RESOURCE
"""
import json
import sys
import time

import numpy as np
import optuna
import xgboost as xgb
from sklearn.metrics import roc_auc_score

optuna.logging.set_verbosity(optuna.logging.WARNING)

d = sys.argv[1]
seeds = [int(s) for s in sys.argv[2].split(",")]
rs_trials = int(sys.argv[3])
max_trials = int(sys.argv[4])
min_resource = int(sys.argv[5])
meta = json.load(open(f"{d}/meta.json"))
nc = meta["ncols"]
Xtr = np.fromfile(f"{d}/train_X.f32", dtype="<f4").reshape(-1, nc)
ytr = np.fromfile(f"{d}/train_y.f64", dtype="<f8")
Xva = np.fromfile(f"{d}/valid_X.f32", dtype="<f4").reshape(-1, nc)
yva = np.fromfile(f"{d}/valid_y.f64", dtype="<f8")
dtr = xgb.DMatrix(Xtr, label=ytr, missing=np.nan)
dva = xgb.DMatrix(Xva, label=yva, missing=np.nan)
MAX_ROUNDS, PATIENCE = 1000, 50


class Report(xgb.callback.TrainingCallback):
    def __init__(self, trial):
        self.trial = trial

    def after_iteration(self, model, epoch, evals_log):
        v = evals_log["valid"]["logloss"][-1]
        self.trial.report(-v, epoch)  # study maximises AUC: report the negated loss
        if self.trial.should_prune():
            raise optuna.TrialPruned()
        return False


def objective(seed, prune):
    def f(trial):
        p = {
            "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
            "max_depth": trial.suggest_int("max_depth", 2, 10),
            "min_child_weight": trial.suggest_float("min_child_weight", 0.01, 100, log=True),
            "subsample": trial.suggest_float("subsample", 0.5, 1.0),
            "colsample_bytree": trial.suggest_float("colsample_bytree", 0.5, 1.0),
            "reg_lambda": trial.suggest_float("reg_lambda", 1e-3, 10, log=True),
            "reg_alpha": trial.suggest_float("reg_alpha", 1e-3, 10, log=True),
            "gamma": trial.suggest_float("gamma", 0.0, 5.0),
            "objective": "binary:logistic", "eval_metric": "logloss", "tree_method": "hist",
            "nthread": 1, "seed": seed * 7919 + trial.number, "verbosity": 0,
        }
        cbs = [Report(trial)] if prune else []
        b = xgb.train(p, dtr, MAX_ROUNDS, evals=[(dva, "valid")], early_stopping_rounds=PATIENCE,
                      callbacks=cbs, verbose_eval=False)
        pred = b.predict(dva, iteration_range=(0, b.best_iteration + 1))
        return roc_auc_score(yva, pred)
    return f


def run(seed, sampler, pruner, prune, target, limit):
    st = optuna.create_study(direction="maximize", sampler=sampler, pruner=pruner)
    c0 = time.process_time()
    state = {"best": -np.inf, "at": None, "curve": []}

    def cb(study, t):
        if t.state == optuna.trial.TrialState.COMPLETE:
            if t.value > state["best"]:
                state["best"], state["best_at"] = t.value, time.process_time() - c0
                state["curve"].append([state["best_at"], t.value])
            if target is not None and t.value >= target and state["at"] is None:
                state["at"] = time.process_time() - c0
                study.stop()

    st.optimize(objective(seed, prune), n_trials=limit, callbacks=[cb])
    pruned = sum(t.state == optuna.trial.TrialState.PRUNED for t in st.trials)
    return state, time.process_time() - c0, len(st.trials), pruned


for seed in seeds:
    s, rs_total, n, _ = run(seed, optuna.samplers.RandomSampler(seed=seed),
                            optuna.pruners.NopPruner(), False, None, rs_trials)
    target = s["best"]

    def emit(method, st, total, n, pruned):
        print(json.dumps({"engine": "optuna", "dataset": meta["dataset"], "seed": seed,
                          "method": method, "target": target,
                          "reached": st["at"] is not None or method == "optuna-random-full",
                          "cpu_to_target": st.get("best_at") if method == "optuna-random-full" else st["at"],
                          "best": st["best"], "cpu_total": total, "rs_cpu_total": rs_total,
                          "trials": n, "pruned": pruned, "curve": st["curve"]}), flush=True)

    emit("optuna-random-full", s, rs_total, n, 0)
    for name, pr in [
        ("optuna-hyperband", optuna.pruners.HyperbandPruner(
            min_resource=min_resource, max_resource=MAX_ROUNDS, reduction_factor=3)),
        ("optuna-successive-halving", optuna.pruners.SuccessiveHalvingPruner(
            min_resource=min_resource, reduction_factor=3)),
    ]:
        # a sampler seed of its own, so that TPE's random start-up trials do not repeat the
        # random search's configurations
        st, total, n, pruned = run(seed, optuna.samplers.TPESampler(seed=seed + 1000), pr, True, target,
                                   max_trials)
        emit(name, st, total, n, pruned)
