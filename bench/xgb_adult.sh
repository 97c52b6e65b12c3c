#!/usr/bin/env bash
# XGBoost-on-Adult tuning quality, Hone's TPE beside Optuna 3.1's TPE in one run: both tune the
# same 8-parameter XGBoost search space for TRIALS trials per seed, on one and the same objective
# (bench/xgb_adult/xgb_objective.py: Debian's python3-xgboost 1.7.4, fixed stratified split of
# adult.data, validation ROC AUC with early stopping), seeds 0..SEEDS-1, independent and
# multivariate TPE on each side. The Hone and Optuna halves run side by side (one core each).
# Usage: bench/xgb_adult.sh [SEEDS] [TRIALS]   (default: 10 30)
# Needs: JDK 17, Maven (offline repository filled by a build), /usr/bin/python3 with optuna,
# xgboost, pandas and scikit-learn; HONE_DATA_MIRROR or ../shared/datasets with adult/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-10}"
TRIALS="${2:-30}"
cd "$ROOT"
export HONE_DATA_MIRROR="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
mvn -o -q -pl hone-search -am test-compile -DskipTests >/dev/null
mvn -o -q -pl hone-search -am test-compile dependency:build-classpath -Dmdep.outputFile="$ROOT/hone-search/target/bench.cp" >/dev/null
DEPS="$(tr ':' '\n' < hone-search/target/bench.cp | grep -v '/hone-core' | paste -sd: -)"
CP="hone-search/target/classes:hone-search/target/test-classes:hone-core/target/classes:$DEPS"
PY=/usr/bin/python3
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1);" \
  "$($PY -c 'import optuna, xgboost; print("optuna", optuna.__version__, "xgboost", xgboost.__version__)')"
java -Xmx1g -cp "$CP" dev.hone.search.bench.XgbAdultBench "$SEEDS" "$TRIALS" "$PY" \
  bench/xgb_adult/xgb_objective.py tpe tpe-mv 2>/dev/null &
HONE_PID=$!
$PY bench/xgb_adult/xgb_objective.py optuna "$SEEDS" "$TRIALS" tpe tpe-mv
wait "$HONE_PID"
