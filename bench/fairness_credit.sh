#!/usr/bin/env bash
# Fairness audit benchmark on credit_default_taiwan (30,000 rows; attributes X2, X2 x X3, X2 x X4;
# 1000 group-stratified bootstrap rounds each), Hone side by side with the numpy/scikit-learn peer
# (bench/fairness_peer.py) in one run: WARMUP uncounted and REPEATS counted audits in one process
# each, times in-process (data loading excluded), medians printed, point values printed by both.
# Usage: bench/fairness_credit.sh [REPEATS] [WARMUP]   (mirror: $HONE_DATA_MIRROR or ../shared/datasets)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS="${1:-3}"
WARMUP="${2:-1}"
MIRROR="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
CP="$(mktemp)"
trap 'rm -f "$CP"' EXIT
cd "$ROOT"
mvn -o -q -pl hone-fairness -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP" -Dmdep.includeScope=test >/dev/null
CLASSES="$ROOT/hone-fairness/target/test-classes:$ROOT/hone-fairness/target/classes"
for m in hone-core hone-eval hone-data; do CLASSES="$CLASSES:$ROOT/$m/target/classes"; done
java -Xmx2g -cp "$CLASSES:$(cat "$CP")" dev.hone.fairness.bench.FairnessBench \
  "$MIRROR" "$WARMUP" "$REPEATS"
/usr/bin/python3 "$ROOT/bench/fairness_peer.py" "$MIRROR" "$WARMUP" "$REPEATS"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
