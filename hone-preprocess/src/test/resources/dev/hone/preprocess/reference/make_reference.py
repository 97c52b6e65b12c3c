#!/usr/bin/env python3
"""Writes reference.json: a random train/test table pair and the feature matrix, unseen-level
counts and labels that the documented encoding rule gives for the test table.

This is an independent implementation of the rule stated in the Javadoc of
dev.hone.preprocess.Preprocessor / FittedPreprocessor, written from that rule alone:

  * numeric column -> one column, value rounded to float32; missing stays NaN
  * categorical column -> count levels over TRAIN rows only; drop levels with count < min_count;
    sort the rest by (-count, level); keep the first max_levels; all other seen levels go to
    "col=__other__" (present only if some seen level was cut); output order = kept levels, then
    __other__
  * missing categorical -> NaN in all of that column's outputs
  * level unseen in train -> 0 in all level columns, 1 in __other__ if present; counted
  * class labels: target levels in order of first appearance in the train rows; label = index

Run:  /usr/bin/python3 make_reference.py   (numpy only; output is deterministic)
"""
import json
from collections import Counter

import numpy as np

SEED = 20240601
MAX_LEVELS = 3
MIN_COUNT = 2
N_TRAIN, N_TEST = 60, 25

rng = np.random.default_rng(SEED)


def numeric(n, p_missing):
    vals = np.round(rng.normal(40.0, 12.5, n), 3)
    return [None if rng.random() < p_missing else float(v) for v in vals]


def categorical(n, levels, probs, p_missing):
    picks = rng.choice(levels, size=n, p=probs)
    return [None if rng.random() < p_missing else str(v) for v in picks]


cols = {}  # name -> (type, train, test)
cols["age"] = ("numeric", numeric(N_TRAIN, 0.1), numeric(N_TEST, 0.1))
wk_levels = ["Private", "Self-emp", "Gov", "Without-pay", "Never-worked"]
cols["workclass"] = ("categorical",
                     categorical(N_TRAIN, wk_levels[:4], [0.5, 0.25, 0.2, 0.05], 0.1),
                     categorical(N_TEST, wk_levels, [0.4, 0.2, 0.2, 0.1, 0.1], 0.1))
cols["hours"] = ("numeric", numeric(N_TRAIN, 0.0), numeric(N_TEST, 0.05))
cols["race"] = ("categorical",
                categorical(N_TRAIN, ["A", "B", "C"], [0.6, 0.3, 0.1], 0.0),
                categorical(N_TEST, ["A", "B", "C", "D"], [0.5, 0.2, 0.2, 0.1], 0.1))
cols["color"] = ("categorical",
                 categorical(N_TRAIN, ["red", "green", "blue", "cyan", "teal", "pink"],
                             [0.3, 0.2, 0.2, 0.1, 0.1, 0.1], 0.05),
                 categorical(N_TEST, ["red", "green", "blue", "cyan", "teal", "pink", "mauve"],
                             [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2], 0.05))
y_train = categorical(N_TRAIN, ["<=50K", ">50K"], [0.7, 0.3], 0.0)
y_test = categorical(N_TEST, ["<=50K", ">50K"], [0.7, 0.3], 0.0)

feature_names = []
blocks = []  # per column: function row_value -> list of outputs
unseen = {}
test_matrix = [[] for _ in range(N_TEST)]
for name, (kind, train, test) in cols.items():
    if kind == "numeric":
        feature_names.append(name)
        for r, v in enumerate(test):
            test_matrix[r].append(float("nan") if v is None else float(np.float32(v)))
        continue
    counts = Counter(v for v in train if v is not None)
    eligible = [lv for lv in counts if counts[lv] >= MIN_COUNT]
    eligible.sort(key=lambda lv: (-counts[lv], lv))
    kept = eligible[:MAX_LEVELS]
    other = sorted(lv for lv in counts if lv not in kept)
    outs = [f"{name}={lv}" for lv in kept] + ([f"{name}=__other__"] if other else [])
    feature_names.extend(outs)
    n_unseen = 0
    for r, v in enumerate(test):
        if v is None:
            row = [float("nan")] * len(outs)
        else:
            row = [0.0] * len(outs)
            if v in kept:
                row[kept.index(v)] = 1.0
            else:
                if v not in counts:
                    n_unseen += 1
                if other:
                    row[-1] = 1.0
        test_matrix[r].extend(row)
    if n_unseen:
        unseen[name] = n_unseen

classes = []
for v in y_train:
    if v not in classes:
        classes.append(v)
test_labels = [classes.index(v) for v in y_test]


def enc(x):
    return "NaN" if isinstance(x, float) and x != x else x


doc = {
    "generator": "make_reference.py, seed %d" % SEED,
    "maxOneHotLevels": MAX_LEVELS,
    "minLevelCount": MIN_COUNT,
    "target": "income",
    "columns": [{"name": n, "type": k, "train": tr, "test": te} for n, (k, tr, te) in cols.items()],
    "yTrain": y_train,
    "yTest": y_test,
    "featureNames": feature_names,
    "testMatrix": [[enc(x) for x in row] for row in test_matrix],
    "unseen": unseen,
    "classLabels": classes,
    "testLabels": test_labels,
}
with open("reference.json", "w") as f:
    json.dump(doc, f, indent=1)
print("features:", feature_names)
print("unseen:", unseen, "classes:", classes)
