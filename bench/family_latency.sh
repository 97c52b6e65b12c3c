#!/usr/bin/env bash
# Repeatability of the per-trial latency probe of `hone train --families`: one model per XGBoost
# family (gbtree, dart, gblinear, rf) on a seeded 20,000 x 50 synthetic binary problem, the same
# model's p95 single-row latency measured MEASUREMENTS times (default probe: 300 warm-up calls,
# median over 3 rounds of the p95 of 200 calls).
# Usage: bench/family_latency.sh [MEASUREMENTS=5]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -o -q -pl hone-experiment -am test-compile >/dev/null
# third-party jars; Hone's own modules come first on the class path from their target/classes
mvn -o -q -pl hone-experiment -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" >/dev/null
CP=""
for m in hone-core hone-data hone-preprocess hone-eval hone-search hone-store-sqlite \
    hone-store-postgres hone-learner-xgboost hone-fairness hone-explain hone-report; do
  CP="$CP:$m/target/classes"
done
java -Xmx2g -cp "hone-experiment/target/test-classes:hone-experiment/target/classes$CP:$(cat "$CP_FILE")" \
  dev.hone.experiment.LatencyRepeatabilityBench "$@" 2> >(grep -v '^SLF4J\|deprecated' >&2)
