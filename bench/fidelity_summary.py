"""Summarises the JSON lines of bench/fidelity.sh, per dataset and method over seeds.

Per-seed protocol: the median CPU seconds to reach the engine's own full-fidelity random search's
final validation score on that seed, and that as a fraction of the random search's total CPU
seconds (the target is <= 0.25).

Mean-curve measure (as in Li et al. 2018, Hyperband, and Falkner et al. 2018, BOHB): the method's
best-so-far validation score averaged over seeds as a function of CPU seconds (defined once every
seed has a COMPLETE trial), and the first CPU time at which that mean curve reaches the random
search's mean final score; as a fraction of the random search's mean total CPU. Runs here stop at
their seed's target (or the trial limit), after which a seed's curve stays at its final best.

Tolerances (environment TOLERANCES, e.g. "0.0005 0.001"; none by default): a second table with the
mean-curve fraction needed to come within each tolerance (in the objective's units) of random
search's mean final value. For plateaus where random search's final value is the luckiest of its
draws, this shows how soon each method gets near it. Since runs stop at their seed's exact target,
a curve never goes past it, so these fractions are upper bounds of what longer runs would show.

Usage: fidelity_summary.py LINES.jsonl"""
import json
import os
import statistics
import sys
from collections import defaultdict

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
g = defaultdict(list)
for r in rows:
    m = r["method"].split(" (")[0]
    g[(r["dataset"], r["engine"], m)].append(r)


def mean_curve_time(rs, target):
    """First CPU time at which the mean over seeds of best-so-far reaches target (None if never)."""
    curves = [sorted(r.get("curve") or [], key=lambda p: p[0]) for r in rs]
    if any(not c for c in curves):
        return None
    times = sorted({p[0] for c in curves for p in c})
    for t in times:
        vals = []
        for c in curves:
            past = [p[1] for p in c if p[0] <= t]
            if not past:
                break
            vals.append(max(past))
        if len(vals) == len(curves) and statistics.mean(vals) >= target - 1e-12:
            return t
    return None


print(f"{'dataset':24s} {'method':28s} {'seeds':>5s} {'reached':>7s} {'med CPU s to target':>20s}"
      f" {'med frac of RS CPU':>18s} {'med RS CPU s':>12s} {'med trials':>10s} {'med pruned':>10s}"
      f" {'mean-curve CPU s':>16s} {'mean-curve frac':>15s}")
for (ds, eng, m), rs in sorted(g.items()):
    reached = [r for r in rs if r["reached"] and r["cpu_to_target"] is not None]
    # a seed that never reached the target counts as its total CPU (a lower bound), shown with '>'
    fr = sorted((r["cpu_to_target"] if r in reached else r["cpu_total"]) / r["rs_cpu_total"]
                for r in rs)
    to = sorted(r["cpu_to_target"] if r in reached else r["cpu_total"] for r in rs)
    flag = "" if len(reached) == len(rs) else ">="
    rs_rows = g.get((ds, eng, f"{eng}-random-full"), [])
    mc = mcf = "n/a"
    if rs_rows:
        target = statistics.mean(r["best"] for r in rs_rows)
        rs_mean_total = statistics.mean(r["rs_cpu_total"] for r in rs_rows)
        t = mean_curve_time(rs, target)
        if t is None:
            longest = max(r["cpu_total"] for r in rs)
            mc, mcf = f"never<={longest:.1f}", f">={longest / rs_mean_total:.3f}"
        else:
            mc, mcf = f"{t:.1f}", f"{t / rs_mean_total:.3f}"
    print(f"{ds:24s} {m:28s} {len(rs):5d} {len(reached):7d} {flag + format(statistics.median(to), '.1f'):>20s}"
          f" {flag + format(statistics.median(fr), '.3f'):>18s}"
          f" {statistics.median(r['rs_cpu_total'] for r in rs):12.1f}"
          f" {statistics.median(r['trials'] for r in rs):10.0f} {statistics.median(r['pruned'] for r in rs):10.0f}"
          f" {mc:>16s} {mcf:>15s}")


tolerances = [float(t) for t in os.environ.get("TOLERANCES", "").split()]
if tolerances:
    print()
    print(f"{'dataset':24s} {'method':28s} " + " ".join(
        f"{'within ' + format(t, 'g'):>14s}" for t in tolerances)
          + "   (mean-curve fraction of RS CPU to come within the tolerance of RS's mean final)")
    for (ds, eng, m), rs in sorted(g.items()):
        rs_rows = g.get((ds, eng, f"{eng}-random-full"), [])
        if not rs_rows:
            continue
        target = statistics.mean(r["best"] for r in rs_rows)
        rs_mean_total = statistics.mean(r["rs_cpu_total"] for r in rs_rows)
        cells = []
        for tol in tolerances:
            t = mean_curve_time(rs, target - tol)
            cells.append(f"{'never' if t is None else format(t / rs_mean_total, '.3f'):>14s}")
        print(f"{ds:24s} {m:28s} " + " ".join(cells))
