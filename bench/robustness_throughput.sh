#!/usr/bin/env bash
# Attack throughput (rows/s): FGSM and PGD-20 on a pure-Java MLP over MNIST, HopSkipJump on an
# XGBoost model of adult. One warm-up, then REPEATS timed runs per attack; medians printed.
# Usage: bench/robustness_throughput.sh [REPEATS=3]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
# one reactor invocation, so sibling modules resolve to their target/classes (nothing installed);
# each module overwrites CP_FILE and hone-robustness, built last, writes it last
mvn -o -q -pl hone-robustness -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$CP_FILE" -Dhone.shared.datasets="$DATA" >/dev/null
java -Xmx2g -Dhone.shared.datasets="$DATA" -DHONE_DATA_MIRROR="$DATA" \
  -cp "hone-robustness/target/test-classes:hone-robustness/target/classes:$(cat "$CP_FILE")" \
  dev.hone.robustness.bench.AttackThroughput "$@" 2> >(grep -v '^SLF4J' >&2)
