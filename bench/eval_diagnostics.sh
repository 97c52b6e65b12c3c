#!/usr/bin/env bash
# Times the hone-eval diagnostics suite (residual analysis or calibration + threshold table, Sobol'
# indices at the default N = 4096, ICE curves) on a 30,000-row, 20-feature table with a cheap
# stand-in model, in one JVM: WARMUPS uncounted rounds, then REPEATS counted rounds (defaults 2 and
# 5); medians per component, time inside the model function, model rows evaluated, bytes allocated,
# and the process's peak RSS (GNU time). Then the same suite in Python (numpy, scikit-learn,
# statsmodels; see eval_diagnostics_peer.py) with the same sizes, warm-up and repeats. Last, the
# suite as the workflow runs it (Diagnostics.compute) with a real XGBoost model (300 trees, depth 6)
# on a 30,000-row table, to show the share of time spent in the model's predictions.
# Usage: bench/eval_diagnostics.sh [WARMUPS] [REPEATS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WARMUPS="${1:-2}"
REPEATS="${2:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
cd "$ROOT"
mvn -o -q -pl hone-experiment -am test-compile
mvn -o -q -pl hone-eval -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
mvn -o -q -pl hone-experiment -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cpe.txt" >/dev/null
CP="$ROOT/hone-eval/target/test-classes:$ROOT/hone-eval/target/classes:$ROOT/hone-core/target/classes:$(cat "$WORK/cp.txt")"
echo "== Java (hone-eval)"
/usr/bin/time -v java -Xmx2g -cp "$CP" dev.hone.eval.bench.DiagnosticsBench "$WARMUPS" "$REPEATS" \
  2>"$WORK/time.log"
awk -F': ' '/Maximum resident set size/{printf "peak RSS: %.0f MiB\n", $2/1024}' "$WORK/time.log"
echo "== Python peer (numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'))"
/usr/bin/time -v /usr/bin/python3 "$ROOT/bench/eval_diagnostics_peer.py" "$WARMUPS" "$REPEATS" \
  2>"$WORK/time_py.log"
awk -F': ' '/Maximum resident set size/{printf "peak RSS: %.0f MiB\n", $2/1024}' "$WORK/time_py.log"
echo "== Java, real model (XGBoost4J)"
CPE="$ROOT/hone-experiment/target/test-classes"
for m in hone-core hone-data hone-preprocess hone-eval hone-search hone-store-sqlite \
         hone-learner-xgboost hone-report hone-experiment; do CPE="$CPE:$ROOT/$m/target/classes"; done
java -Xmx2g -cp "$CPE:$(cat "$WORK/cpe.txt")" dev.hone.experiment.DiagnosticsXgbBench \
  "$WARMUPS" "$REPEATS" 2> >(grep -v '^SLF4J' >&2)
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
