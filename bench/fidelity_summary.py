"""Summarises the JSON lines of bench/fidelity.sh: per dataset and method, over seeds, the median
CPU seconds to reach the engine's own full-fidelity random search's final validation score, and
that as a fraction of the random search's total CPU seconds (the target is <= 0.25)."""
import json
import statistics
import sys
from collections import defaultdict

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
g = defaultdict(list)
for r in rows:
    m = r["method"].split(" (")[0]
    g[(r["dataset"], r["engine"], m)].append(r)
print(f"{'dataset':24s} {'method':28s} {'seeds':>5s} {'reached':>7s} {'med CPU s to target':>20s}"
      f" {'med frac of RS CPU':>18s} {'med RS CPU s':>12s} {'med trials':>10s} {'med pruned':>10s}")
for (ds, eng, m), rs in sorted(g.items()):
    reached = [r for r in rs if r["reached"] and r["cpu_to_target"] is not None]
    # a seed that never reached the target counts as its total CPU (a lower bound), shown with '>'
    fr = sorted((r["cpu_to_target"] if r in reached else r["cpu_total"]) / r["rs_cpu_total"]
                for r in rs)
    to = sorted(r["cpu_to_target"] if r in reached else r["cpu_total"] for r in rs)
    flag = "" if len(reached) == len(rs) else ">="
    print(f"{ds:24s} {m:28s} {len(rs):5d} {len(reached):7d} {flag + format(statistics.median(to), '.1f'):>20s}"
          f" {flag + format(statistics.median(fr), '.3f'):>18s}"
          f" {statistics.median(r['rs_cpu_total'] for r in rs):12.1f}"
          f" {statistics.median(r['trials'] for r in rs):10.0f} {statistics.median(r['pruned'] for r in rs):10.0f}")
