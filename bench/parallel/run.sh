#!/usr/bin/env bash
# Parallel trial execution, Hone against Optuna, in one run: 200 cheap trials (two suggestions,
# 5 ms of sleep, random sampler) with 1, 2 and 4 concurrent trials, in memory and on SQLite.
# One warm-up per setting, then REPEATS counted runs; prints `TOOL STORE JOBS TRIALS WALL_MS`.
# Usage: bench/parallel/run.sh [REPEATS]   (from the repository root, after a build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
REPEATS="${1:-3}"
CP_FILE="$(mktemp)"
mvn -o -q -pl hone-store-sqlite -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
CP="hone-store-sqlite/target/test-classes:hone-store-sqlite/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
java -cp "$CP" dev.hone.store.sqlite.ParallelBench 200 "$REPEATS"
/usr/bin/python3 bench/parallel/optuna_parallel.py 200 "$REPEATS"
