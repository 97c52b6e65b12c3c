#!/usr/bin/env bash
# Checks the whole-run time budget: runs `hone train --dataset adult --trials 200 --time-budget 60s
# --seed 1` REPEATS times (default 3), each into a fresh output folder and study, and prints per
# run the wall time of the whole process (JVM start included), the 1-minute load average at its
# start and end, the trials finished, the refit status from metrics.json and the number of skipped
# or cut steps. With LOAD=N, N busy loops run for the duration of every counted run (started just
# before it, killed by their process ids just after it), to check the budget on a loaded machine.
# KEEP=DIR keeps each run's log there.
# Usage: [LOAD=4] [BUDGET=60s] [KEEP=DIR] bench/train_budget.sh [REPEATS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS="${1:-3}"
LOAD="${LOAD:-0}"
BUDGET="${BUDGET:-60s}"
WORK="$(mktemp -d)"
LOADERS=()
stop_load() {
  for p in "${LOADERS[@]:-}"; do
    [[ -n "$p" ]] && kill "$p" 2>/dev/null || true
  done
  for p in "${LOADERS[@]:-}"; do
    [[ -n "$p" ]] && wait "$p" 2>/dev/null || true
  done
  LOADERS=()
}
trap 'stop_load; rm -rf "$WORK"' EXIT
"$ROOT/hone" --version >/dev/null   # build first, outside the timing

loadavg() { cut -d' ' -f1 /proc/loadavg; }

run() {  # $1 = run index
  local out="$WORK/run$1/adult"
  if (( LOAD > 0 )); then
    for _ in $(seq 1 "$LOAD"); do
      ( while :; do :; done ) &
      LOADERS+=($!)
    done
  fi
  local l0 t0 t1 l1
  l0=$(loadavg)
  t0=$(date +%s.%N)
  "$ROOT/hone" train --dataset adult --trials 200 --time-budget "$BUDGET" --seed 1 --out "$out" \
    >"$WORK/run$1.out" 2>"$WORK/run$1.log" || { echo "run $1 failed:" >&2; tail -5 "$WORK/run$1.log" >&2; }
  t1=$(date +%s.%N)
  l1=$(loadavg)
  stop_load
  if [[ -n "${KEEP:-}" ]]; then mkdir -p "$KEEP"; cp "$WORK/run$1.log" "$KEEP/run$1-load$LOAD.log"; fi
  python3 - "$out/metrics.json" "$t0" "$t1" "$l0" "$l1" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
wall = float(sys.argv[3]) - float(sys.argv[2])
w = m.get("warnings", [])
trials = next((x.split(" with ")[1].split(" of ")[0] for x in w if x.startswith("the search stopped early")), "all")
refit = m.get("refit", {}).get("status", "n/a")
skipped = sum(1 for x in w if "skipped" in x or "were cut" in x or "stopped at its" in x)
print(f"{wall:.1f} {sys.argv[4]} {sys.argv[5]} {trials} {refit.replace(' ', '_')} {skipped} {m['test']['metrics'][0]['value']:.4f}")
EOF
}

printf '%-4s %7s %7s %7s %7s %-18s %8s %8s\n' run wall_s load0 load1 trials refit skipped metric0
for i in $(seq 1 "$REPEATS"); do
  printf '%-4s %7s %7s %7s %7s %-18s %8s %8s\n' "$i" $(run "$i")
done
echo "machine: $(nproc) cores, busy loops: $LOAD, budget: $BUDGET"
