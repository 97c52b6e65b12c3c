#!/usr/bin/env bash
# Sampler benchmark, Hone beside Optuna (Debian's python3-optuna) on the same machine, one run:
#  (a) overhead per suggestion (ask + 10 suggestions + tell) at 100, 1000 and 5000 finished
#      trials of a 10-parameter mixed space, TPE independent and multivariate, wall and CPU ms;
#  (b) mean best value over SEEDS seeds at equal budgets on Branin, Hartmann-6, Rosenbrock-10
#      and a conditional space (Hone TPE, TPE multivariate+group, GP, random; Optuna TPE, TPE
#      multivariate+group, random).
# Usage: bench/samplers.sh [overhead|quality|all] [SEEDS]   (default: all 10)
# Needs: JDK 17, Maven (offline repository filled by a build), /usr/bin/python3 with optuna.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WHAT="${1:-all}"
SEEDS="${2:-10}"
cd "$ROOT"
mvn -o -q -pl hone-search -am test-compile -DskipTests >/dev/null
mvn -o -q -pl hone-search -am test-compile dependency:build-classpath -Dmdep.outputFile="$ROOT/hone-search/target/bench.cp" >/dev/null
DEPS="$(tr ':' '\n' < hone-search/target/bench.cp | grep -v '/hone-core' | paste -sd: -)"
CP="hone-search/target/classes:hone-search/target/test-classes:hone-core/target/classes:$DEPS"
JAVA=(java -Xmx2g -cp "$CP")
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1);" \
  "optuna $(/usr/bin/python3 -c 'import optuna; print(optuna.__version__)')"
if [[ "$WHAT" == overhead || "$WHAT" == all ]]; then
  "${JAVA[@]}" dev.hone.search.bench.SamplerOverheadBench 30 50 100 1000 5000 2>/dev/null
  /usr/bin/python3 bench/samplers/optuna_overhead.py 3 10 100 1000 5000
fi
if [[ "$WHAT" == quality || "$WHAT" == all ]]; then
  "${JAVA[@]}" dev.hone.search.bench.SamplerQualityBench "$SEEDS" 2>/dev/null
  /usr/bin/python3 bench/samplers/optuna_quality.py "$SEEDS"
fi
