#!/usr/bin/env bash
# Low-fidelity search beside Optuna 3.1 (one run, same machine, same split): CPU seconds needed to
# reach full-fidelity random search's final validation ROC AUC on adult and credit_default_taiwan,
# over SEEDS. Hone: --fidelity auto (sequential pilot, counted, its full fits the study's first
# trials, then ASHA + TPE over the chosen fidelity), the same with the calibration cached by another
# seed's run (no pilot in the run, stated as such), and explicit ASHA over boosting rounds / rows
# without a pilot. Optuna: HyperbandPruner
# and SuccessiveHalvingPruner with TPE over boosting rounds. Each engine's random search (RS_TRIALS
# trials, full fidelity) sets its own target, so engine speed differences cancel in the fractions.
# To stay affordable on 2 cores the split's training and validation rows are subsampled (seeded,
# stratified) to TRAIN_ROWS and VALID_ROWS; every fit uses one thread.
# Usage: bench/fidelity.sh [SEEDS] [RS_TRIALS] [MAX_TRIALS] [TRAIN_ROWS|all] [VALID_ROWS|all]
# Environment: DATASETS (default "adult credit_default_taiwan"), HONE_DATA_MIRROR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-1,2,3,4,5}"
RS_TRIALS="${2:-30}"
MAX_TRIALS="${3:-60}"
TRAIN_ROWS="${4:-4000}"
VALID_ROWS="${5:-1500}"
# "all" keeps every row of the split (no subsample)
[[ "$TRAIN_ROWS" == all ]] && TRAIN_ROWS=2147483647
[[ "$VALID_ROWS" == all ]] && VALID_ROWS=2147483647
if [[ -z "${HONE_DATA_MIRROR:-}" ]]; then
  for d in "$ROOT/../shared/datasets" "$ROOT/../../shared/datasets"; do
    [[ -d "$d" ]] && { HONE_DATA_MIRROR="$(cd "$d" && pwd)"; break; }
  done
fi
export HONE_DATA_MIRROR
[[ -d "${HONE_DATA_MIRROR:-}" ]] || { echo "no datasets found: set HONE_DATA_MIRROR" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"
mvn -o -q -pl hone-experiment -am test-compile >&2
mvn -o -q -pl hone-experiment -am test-compile dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
THIRD=$(tr ':' '\n' <"$WORK/cp.txt" | grep -v '/dev/hone/' | paste -sd: -)
CP="$ROOT/hone-experiment/target/test-classes"
for m in hone-core hone-data hone-preprocess hone-eval hone-search hone-store-sqlite hone-store-postgres \
         hone-learner-xgboost hone-report hone-fairness hone-explain hone-experiment; do
  CP="$CP:$ROOT/$m/target/classes"; done
OUT="$WORK/lines.jsonl"
for ds in ${DATASETS:-adult credit_default_taiwan}; do
  echo "== $ds: Hone (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  java -Xmx3g -cp "$CP:$THIRD" dev.hone.experiment.FidelityBench "$ds" "$TRAIN_ROWS" "$VALID_ROWS" \
    "$SEEDS" "$RS_TRIALS" "$MAX_TRIALS" "$WORK/$ds" 2> >(grep -v '^SLF4J' | grep -v ' INFO ' >&2) | tee -a "$OUT"
  echo "== $ds: Optuna $(/usr/bin/python3 -c 'import optuna; print(optuna.__version__)')," \
    "xgboost $(/usr/bin/python3 -c 'import xgboost; print(xgboost.__version__)')" >&2
  /usr/bin/python3 "$ROOT/bench/fidelity_peer.py" "$WORK/$ds" "$SEEDS" "$RS_TRIALS" "$MAX_TRIALS" 30 | tee -a "$OUT"
done
echo
/usr/bin/python3 "$ROOT/bench/fidelity_summary.py" "$OUT"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
