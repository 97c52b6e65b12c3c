#!/usr/bin/env bash
# Explainer throughput: KernelSHAP rows/s at 10, 20, 50 features (100 background rows, default
# budget, XGBoost model) with the share of time inside model prediction, and TreeSHAP rows/s on
# Adult (Hone's own implementation and XGBoost's predictContrib). One warm-up, then REPEATS timed
# runs per measurement; medians are printed.
# Usage: bench/explain_throughput.sh [REPEATS=3] [KERNEL_ROWS=8] [TREE_ROWS=2000] (0 rows: skip)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
mvn -o -q -pl hone-explain -am test-compile -Dhone.shared.datasets="$DATA" >/dev/null
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -o -q -pl hone-explain -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
java -Xmx2g -Dhone.shared.datasets="$DATA" \
  -cp "hone-explain/target/test-classes:hone-explain/target/classes:$(cat "$CP_FILE")" \
  dev.hone.explain.bench.ExplainThroughput "$@" 2> >(grep -v '^SLF4J' >&2)
