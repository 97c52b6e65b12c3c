#!/usr/bin/env bash
# Times the full evaluation of `hone evaluate` (metrics with bootstrap intervals, slices with
# tests and SliceLine, calibration, threshold table, Sobol' and ICE, fairness audit with bootstrap)
# on the 30,000 rows of credit_default_taiwan, for a model trained once by `hone train` (2 trials).
# One warm-up run and REPEATS counted runs (default 2); wall time and peak RSS from GNU time.
# Usage: bench/evaluate_credit.sh [REPEATS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS="${1:-2}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
MIRROR="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
DATA="$WORK/credit.csv"
zcat "$MIRROR/credit_default_taiwan/UCI_Credit_Card.csv.gz" > "$DATA"
"$ROOT/hone" train --dataset credit_default_taiwan --trials 2 --seed 1 --out "$WORK/run/credit" \
  >/dev/null 2>&1
run() {
  /usr/bin/time -v "$ROOT/hone" evaluate --model "$WORK/run/credit/model" --data "$DATA" \
    --out "$WORK/eval$1" >/dev/null 2>"$WORK/e$1.log"
  awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; w=s}
    /Maximum resident set size/{r=$2/1024} END{printf "%.1f %.0f\n", w, r}' "$WORK/e$1.log"
}
echo "warm-up: $(run 0)" >&2
printf '%-5s %10s %14s\n' run wall_s peak_rss_MiB
for i in $(seq 1 "$REPEATS"); do printf '%-5s %10s %14s\n' "$i" $(run "$i"); done
