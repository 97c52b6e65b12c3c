#!/usr/bin/env bash
# Pruner benchmark, Hone beside Optuna (Debian's python3-optuna 3.1) on the same machine, one run:
#  (a) overhead per report + pruning decision with N finished trials of 100 steps each;
#  (b) steps trained and best final loss on a synthetic learning-curve objective, random
#      sampling, 60 trials, mean over SEEDS seeds, for no pruner, median, successive halving and
#      Hyperband.
# Usage: bench/pruners.sh [SEEDS] [N ...]   (default: 10 100 1000)
# Needs: JDK 17, Maven (offline repository filled by a build), /usr/bin/python3 with optuna.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-10}"
shift || true
NS=("$@")
[[ ${#NS[@]} -eq 0 ]] && NS=(100 1000)
cd "$ROOT"
mvn -o -q -pl hone-search -am test-compile -DskipTests >/dev/null
mvn -o -q -pl hone-search -am test-compile dependency:build-classpath -Dmdep.outputFile="$ROOT/hone-search/target/bench.cp" >/dev/null
DEPS="$(tr ':' '\n' < hone-search/target/bench.cp | grep -v '/hone-core' | paste -sd: -)"
CP="hone-search/target/classes:hone-search/target/test-classes:hone-core/target/classes:$DEPS"
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1);" \
  "optuna $(/usr/bin/python3 -c 'import optuna; print(optuna.__version__)')"
java -Xmx2g -cp "$CP" dev.hone.search.bench.PrunerBench "$SEEDS" "${NS[@]}" 2>/dev/null
/usr/bin/python3 bench/pruners/optuna_pruners.py "$SEEDS" "${NS[@]}"
