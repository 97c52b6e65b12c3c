"""Reference decisions and schedules from Optuna 3.1 for Hone's pruner tests.

Run with /usr/bin/python3 (Debian's optuna 3.1.0, numpy); writes pruner_reference.json next to
this script. Curves are finite (Hone's NaN policy deliberately differs from Optuna's and is tested
separately), reported at every step, so Optuna's and Hone's rung bookkeeping coincide.
"""
import json
import os

import numpy as np
import optuna

optuna.logging.set_verbosity(optuna.logging.ERROR)
assert optuna.__version__.startswith("3.1"), optuna.__version__


def curves(seed, n_trials, n_steps, sparse=False):
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_trials):
        a = rng.uniform(0.5, 2.0)
        b = rng.uniform(0.0, 1.0)
        tau = rng.uniform(2.0, 10.0)
        steps = list(range(n_steps))
        if sparse:
            steps = sorted(set(int(s) for s in rng.choice(n_steps, size=n_steps // 2, replace=False)))
        vals = [round(float(a * np.exp(-s / tau) + b + rng.normal(0, 0.05)), 6) for s in steps]
        out.append({"steps": steps, "values": vals})
    return out


def replay(pruner, direction, trial_curves):
    study = optuna.create_study(direction=direction, pruner=pruner,
                                sampler=optuna.samplers.RandomSampler(seed=0))
    decisions = []
    for c in trial_curves:
        t = study.ask()
        d = []
        pruned = False
        for s, v in zip(c["steps"], c["values"]):
            t.report(v, s)
            p = t.should_prune()
            d.append(bool(p))
            if p:
                pruned = True
                break
        if pruned:
            study.tell(t, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(t, c["values"][-1])
        decisions.append(d)
    return decisions


cases = []
def add(name, kind, args, direction, seed, n_trials, n_steps, sparse=False):
    cs = curves(seed, n_trials, n_steps, sparse)
    if direction == "maximize":
        cs = [{"steps": c["steps"], "values": [-v for v in c["values"]]} for c in cs]
    if kind == "median":
        p = optuna.pruners.MedianPruner(n_startup_trials=args[0], n_warmup_steps=args[1],
                                        interval_steps=args[2], n_min_trials=args[3])
    elif kind == "percentile":
        p = optuna.pruners.PercentilePruner(args[0], n_startup_trials=args[1], n_warmup_steps=args[2],
                                            interval_steps=args[3], n_min_trials=args[4])
    elif kind == "sh":
        p = optuna.pruners.SuccessiveHalvingPruner(min_resource=args[0], reduction_factor=args[1],
                                                   min_early_stopping_rate=args[2],
                                                   bootstrap_count=args[3])
    cases.append({"name": name, "kind": kind, "args": args, "direction": direction,
                  "curves": cs, "decisions": replay(p, direction, cs)})


add("median default-ish", "median", [3, 0, 1, 1], "minimize", 1, 20, 12)
add("median warmup 3", "median", [2, 3, 1, 1], "minimize", 2, 20, 12)
add("median interval 3 nmin 3", "median", [2, 1, 3, 3], "minimize", 3, 25, 15)
add("median maximize", "median", [4, 2, 2, 2], "maximize", 4, 20, 12)
add("median sparse reports", "median", [3, 1, 2, 1], "minimize", 5, 25, 16, sparse=True)
add("percentile 25", "percentile", [25.0, 3, 1, 1, 1], "minimize", 6, 20, 12)
add("percentile 75 maximize", "percentile", [75.0, 2, 0, 1, 2], "maximize", 7, 20, 12)
add("sh eta 3", "sh", [1, 3, 0, 0], "minimize", 8, 30, 30)
add("sh eta 2 rate 1", "sh", [2, 2, 1, 0], "maximize", 9, 30, 40)
add("sh eta 4 bootstrap 2", "sh", [1, 4, 0, 2], "minimize", 10, 30, 20)

# Hyperband as Optuna 3.1 sets it up.
hyperband = []
for (r, R, eta) in [(1, 81, 3), (1, 100, 3), (2, 50, 4), (1, 243, 3), (1, 27, 3)]:
    p = optuna.pruners.HyperbandPruner(min_resource=r, max_resource=R, reduction_factor=eta)
    study = optuna.create_study(pruner=p)
    p._try_initialization(study)
    brackets = []
    for b, sh in enumerate(p._pruners):
        ms = []
        k = 0
        while True:
            m = r * eta ** (sh._min_early_stopping_rate + k)
            if m > R:
                break
            ms.append(m)
            k += 1
        brackets.append({"bracket_id": b, "min_early_stopping_rate": sh._min_early_stopping_rate,
                         "allocation_budget": p._trial_allocation_budgets[b],
                         "milestones_up_to_max": ms})
    hyperband.append({"min_resource": r, "max_resource": R, "reduction_factor": eta,
                      "n_brackets": p._n_brackets, "brackets": brackets})

out = {"optuna_version": optuna.__version__, "cases": cases, "hyperband": hyperband}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pruner_reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print("wrote", len(cases), "cases")
for h in hyperband:
    print(h["min_resource"], h["max_resource"], h["reduction_factor"], h["n_brackets"],
          [b["allocation_budget"] for b in h["brackets"]])
for c in cases:
    print(c["name"], sum(1 for d in c["decisions"] if d and d[-1]), "pruned of", len(c["decisions"]))
