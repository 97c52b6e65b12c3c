#!/usr/bin/env bash
# Benchmarks of hone-eval's slice discovery (SliceLine) and leakage checks, each as its own JVM
# under GNU time (peak RSS): one warm-up and REPEATS timed runs inside the JVM, median reported.
#   1. SliceLine on a synthetic table of ROWS x COLUMNS (default 1,000,000 x 50);
#   2. leakage checks on credit_default_taiwan (30,000 rows, seeded 75/25 split);
#   2b. per-slice ROC AUC with 1000-resample intervals on adult.test (16,281 rows, every column
#      and sex x race; stand-in scores);
#   3. with PEER=1, the same SliceLine search on a smaller table (PEER_ROWS x PEER_COLUMNS,
#      default 20,000 x 10) by Hone and by the Python `sliceline` package (DataDome), side by
#      side; needs `sliceline` importable by PEER_PYTHON (default python3).
# Usage: bench/eval_slices_leakage.sh [REPEATS] [ROWS] [COLUMNS]
# Environment: HONE_DATA_MIRROR (default ../shared/datasets), HEAP (default 3g).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS="${1:-3}"
ROWS="${2:-1000000}"
COLS="${3:-50}"
DATA="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
HEAP="${HEAP:-3g}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
[[ -d "$DATA/credit_default_taiwan" ]] || { echo "no datasets at $DATA: set HONE_DATA_MIRROR" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

(cd "$ROOT" && mvn -q -o -pl hone-eval -am test-compile -DskipTests) >&2
(cd "$ROOT" && mvn -q -o -pl hone-eval -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt") >&2
# this checkout's own classes, not the installed snapshots
THIRD=$(tr ':' '\n' <"$WORK/cp.txt" | grep -v '/dev/hone/' | paste -sd: -)
CP="$ROOT/hone-eval/target/test-classes:$ROOT/hone-eval/target/classes:$ROOT/hone-core/target/classes:$ROOT/hone-data/target/classes:$THIRD"

run() {  # label, args...
  local label="$1"; shift
  /usr/bin/time -v java -Xmx"$HEAP" -cp "$CP" dev.hone.eval.bench.EvalBench "$@" \
    >"$WORK/out" 2>"$WORK/time" || { cat "$WORK/out" "$WORK/time" >&2; exit 1; }
  cat "$WORK/out"
  awk -F': ' -v l="$label" '/Maximum resident set size/{printf "%s: process peak RSS %.0f MiB\n", l, $2/1024}
    /Elapsed \(wall clock\)/{print l ": process wall " $2}' "$WORK/time"
}

echo "== SliceLine, $ROWS x $COLS"
run sliceline sliceline "$ROWS" "$COLS" "$REPEATS"
echo "== leakage checks, credit_default_taiwan"
run leakage leakage "$DATA" "$((REPEATS + 2))"
echo "== per-slice ROC AUC, adult.test"
run slices slices "$DATA" "$REPEATS"
if [[ "${PEER:-0}" == 1 ]]; then
  PR="${PEER_ROWS:-20000}"; PC="${PEER_COLUMNS:-10}"
  echo "== side by side, $PR x $PC: Hone"
  run hone-small sliceline "$PR" "$PC" "$REPEATS" "$WORK/codes.csv"
  echo "== side by side, $PR x $PC: python sliceline"
  /usr/bin/time -v "${PEER_PYTHON:-python3}" "$ROOT/bench/sliceline_peer.py" "$WORK/codes.csv" \
    "$REPEATS" 2>"$WORK/time" || echo "peer failed: $(grep -m1 -E 'Error|error' "$WORK/time")"
  awk -F': ' '/Maximum resident set size/{printf "peer: process peak RSS %.0f MiB\n", $2/1024}' "$WORK/time"
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
