#!/usr/bin/python3
"""Reference values for the hone-data tests, computed independently of the Java code.

Reads the shared dataset mirror with nothing but the Python standard library (csv, gzip) and
writes reference.properties next to this script: per dataset the row and column counts, the
number of missing cells per column, the sum of every numeric column, the class counts of the
target, and for UCI Adult the duplicate-row counts within each file and across train/test.
Where scikit-learn ships a loader for the same file, its result is checked against ours too.

Usage: /usr/bin/python3 make_reference.py /work/shared/datasets
"""
import csv
import gzip
import io
import math
import os
import re
import sys
from collections import Counter

MISSING = {"", "?", "NA", "N/A", "NaN", "nan", "null", "NULL"}
DECIMAL = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def is_number(s):
    return bool(DECIMAL.match(s)) and math.isfinite(float(s))


def open_text(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    raw = gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def read_rows(path, delimiter=",", skip=0, header=False):
    with open_text(path) as f:
        for _ in range(skip):
            f.readline()
        rows = [[v.strip() for v in r] for r in csv.reader(f, delimiter=delimiter)]
    rows = [r for r in rows if not (len(r) == 0 or (len(r) == 1 and r[0] == ""))]
    head = rows.pop(0) if header else None
    return head, rows


def strip_dot(label):
    return label[:-1] if len(label) > 1 and label.endswith(".") else label


def describe(out, name, names, rows, target, categorical=()):
    assert all(len(r) == len(names) for r in rows), name
    out[f"{name}.rows"] = len(rows)
    out[f"{name}.columns"] = len(names)
    for j, col in enumerate(names):
        values = [r[j] for r in rows]
        present = [v for v in values if v not in MISSING]
        out[f"{name}.missing.{col}"] = len(values) - len(present)
        if col not in categorical and present and all(is_number(v) for v in present):
            out[f"{name}.sum.{col}"] = repr(math.fsum(float(v) for v in present))
    t = names.index(target)
    counts = Counter(strip_dot(r[t]) for r in rows if r[t] not in MISSING)
    if len(counts) <= 50:
        for label, c in sorted(counts.items()):
            out[f"{name}.class.{label}"] = c
    out[f"{name}.distinct_target"] = len(counts)


def canonical(row, numeric_cols):
    key = []
    for j, v in enumerate(row):
        if v in MISSING:
            key.append(None)
        elif j in numeric_cols:
            key.append(float(v) + 0.0)
        else:
            key.append(v)
    return tuple(key)


ADULT = ["age", "workclass", "fnlwgt", "education", "education-num", "marital-status",
         "occupation", "relationship", "race", "sex", "capital-gain", "capital-loss",
         "hours-per-week", "native-country", "income"]


def escape_key(key):
    """java.util.Properties key escaping for the characters that occur in labels."""
    for ch in "\\ =:#!":
        key = key.replace(ch, "\\" + ch)
    return key


def main(root):
    out = {}
    # --- adult ---------------------------------------------------------------------------------
    _, train = read_rows(os.path.join(root, "adult/adult.data.gz"))
    _, test = read_rows(os.path.join(root, "adult/adult.test.gz"), skip=1)
    describe(out, "adult.train", ADULT, train, "income")
    describe(out, "adult.test", ADULT, test, "income")
    numeric = {0, 2, 4, 10, 11, 12}
    for r in test:
        r[14] = strip_dot(r[14])
    train_keys = [canonical(r, numeric) for r in train]
    test_keys = [canonical(r, numeric) for r in test]
    out["adult.train.duplicates_within"] = len(train_keys) - len(set(train_keys))
    out["adult.test.duplicates_within"] = len(test_keys) - len(set(test_keys))
    train_set = set(train_keys)
    out["adult.test.rows_in_train"] = sum(1 for k in test_keys if k in train_set)

    # --- files with a header -------------------------------------------------------------------
    for name, rel, target, cat in [
        ("german_credit", "german_credit/german_credit_named.csv", "credit_risk", ()),
        ("california_housing", "california_housing/housing.csv", "median_house_value", ()),
        ("titanic", "titanic/train.csv", "Survived", ()),
        ("credit_default_taiwan", "credit_default_taiwan/UCI_Credit_Card.csv.gz", "Y",
         ("X2", "X3", "X4")),
    ]:
        head, rows = read_rows(os.path.join(root, rel), header=True)
        describe(out, name, head, rows, target, cat)
        if name == "credit_default_taiwan":
            out[f"{name}.level.X2.2"] = sum(1 for r in rows if r[2] == "2")
            out[f"{name}.level.X2.1"] = sum(1 for r in rows if r[2] == "1")

    # --- scikit-learn small sets -----------------------------------------------------------------
    sk = os.path.join(root, "sklearn_small")
    for name, rel, ncols in [("iris", "iris.csv", 5), ("wine", "wine_data.csv", 14),
                             ("breast_cancer", "breast_cancer.csv", 31)]:
        _, rows = read_rows(os.path.join(sk, rel), skip=1)
        names = [f"c{j}" for j in range(ncols)]
        describe(out, name, names, rows, names[-1])
    _, rows = read_rows(os.path.join(sk, "digits.csv.gz"))
    describe(out, "digits", [f"c{j}" for j in range(65)], rows, "c64")
    _, data = read_rows(os.path.join(sk, "diabetes_data_raw.csv.gz"), delimiter=" ")
    _, target = read_rows(os.path.join(sk, "diabetes_target.csv.gz"))
    assert len(data) == len(target)
    joined = [d + t for d, t in zip(data, target)]
    describe(out, "diabetes", [f"c{j}" for j in range(11)], joined, "c10", ("c1",))

    # --- cross-check with scikit-learn's own loaders ---------------------------------------------
    try:
        import numpy as np
        from sklearn import datasets as skd
        d = skd.load_digits()
        for label, c in enumerate(np.bincount(d.target)):
            assert out[f"digits.class.{label}"] == c, ("digits", label)
        dia = skd.load_diabetes(scaled=False)
        assert math.isclose(float(out["diabetes.sum.c10"]), float(dia.target.sum()), rel_tol=1e-12)
        assert math.isclose(float(out["diabetes.sum.c0"]), float(dia.data[:, 0].sum()), rel_tol=1e-12)
        iris = skd.load_iris()
        assert math.isclose(float(out["iris.sum.c0"]), float(iris.data[:, 0].sum()), rel_tol=1e-12)
        print("scikit-learn loaders agree", file=sys.stderr)
    except ImportError:
        print("scikit-learn not available: cross-check skipped", file=sys.stderr)

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "reference.properties"), "w", encoding="utf-8") as f:
        f.write("# written by make_reference.py from the shared dataset mirror; do not edit\n")
        for k in sorted(out):
            f.write(f"{escape_key(k)}={out[k]}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets")
