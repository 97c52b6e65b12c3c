#!/usr/bin/env python3
"""Reference predictions for OracleTest, computed by XGBoost's own Python package.

For each task folder (binary, multiclass, regression) this loads the model.json that Hone's Java
code saved, predicts the rows of features.csv, and writes
  reference.csv             predictions with the rounds 0..best_iteration (what Hone's model uses)
  reference_all_rounds.csv  predictions with every stored round
Columns: p0,p1 (binary, p0 = 1 - p1), p0..p{k-1} (multiclass) or value (regression).

best_iteration is read from xgboost-meta.json and passed as iteration_range=(0, best_iteration+1);
the script also checks that the booster attribute best_iteration stored in model.json agrees.

Version note: Debian ships python3-xgboost 1.7.4, while the models come from XGBoost4J 3.4.0.
XGBoost 3.x stores learner_model_param.base_score as a vector string such as "[5.5E-1]" (one
intercept per output), which the 1.7 reader cannot parse. So the script reads the intercept from
the JSON itself, turns it into margin space (binary:logistic stores a probability -> logit;
reg:squarederror and multi:softprob store margins), passes it as base_margin (which overrides
base_score in every XGBoost version), and replaces base_score by a plain scalar before loading.
Trees, missing-value routing, the iteration range and the link functions are evaluated by XGBoost.

Run from this folder:  /usr/bin/python3 make_reference.py
"""
import json
import math
import os
import tempfile

import numpy as np
import xgboost as xgb

TASKS = ["binary", "multiclass", "regression"]


def intercepts(base_score, objective, n_out):
    values = [float(v) for v in base_score.strip("[]").split(",")]
    if len(values) == 1:
        values = values * n_out
    assert len(values) == n_out, (base_score, n_out)
    if objective == "binary:logistic":
        return [math.log(p / (1.0 - p)) for p in values]
    assert objective in ("reg:squarederror", "multi:softprob"), objective
    return values


def write_csv(path, header, rows):
    with open(path, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    print("xgboost", xgb.__version__)
    for task in TASKS:
        d = os.path.join(here, task)
        with open(os.path.join(d, "xgboost-meta.json")) as f:
            meta = json.load(f)
        with open(os.path.join(d, "model.json")) as f:
            model = json.load(f)
        objective = model["learner"]["objective"]["name"]
        assert objective == meta["objective"], (objective, meta["objective"])
        n_out = meta["n_classes"] if objective == "multi:softprob" else 1
        lmp = model["learner"]["learner_model_param"]
        margin0 = intercepts(lmp["base_score"], objective, n_out)
        lmp["base_score"] = "5E-1"
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as tmp:
            json.dump(model, tmp)
        try:
            booster = xgb.Booster(model_file=tmp.name)
        finally:
            os.unlink(tmp.name)

        best = meta["best_iteration"]
        rounds = meta["rounds_trained"]
        assert booster.attr("best_iteration") == str(best), booster.attributes()
        assert booster.num_boosted_rounds() == rounds

        with open(os.path.join(d, "features.csv")) as f:
            names = f.readline().strip().split(",")
        x = np.loadtxt(os.path.join(d, "features.csv"), delimiter=",", skiprows=1,
                       dtype=np.float32, ndmin=2)
        assert names == meta["feature_names"]
        base_margin = np.tile(np.asarray(margin0, dtype=np.float32), (x.shape[0], 1))
        if n_out == 1:
            base_margin = base_margin[:, 0]
        dm = xgb.DMatrix(x, missing=np.nan, feature_names=names, base_margin=base_margin)

        for out_name, end in (("reference.csv", best + 1), ("reference_all_rounds.csv", rounds)):
            p = booster.predict(dm, iteration_range=(0, end))
            if objective == "binary:logistic":
                header = ["p0", "p1"]
                rows = [(1.0 - float(v), float(v)) for v in p]
            elif objective == "multi:softprob":
                header = ["p%d" % k for k in range(n_out)]
                rows = p.reshape(x.shape[0], n_out)
            else:
                header = ["value"]
                rows = [(float(v),) for v in p]
            write_csv(os.path.join(d, out_name), header, rows)
        print(task, "best_iteration", best, "rounds", rounds, "rows", x.shape[0])


if __name__ == "__main__":
    main()
