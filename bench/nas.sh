#!/usr/bin/env bash
# Micro neural-architecture search on scikit-learn's 8x8 digits (or an MNIST subset): random
# search, regularized evolution and TPE, each without and with Hyperband, over the mlp and cnn
# spaces of dev.hone.experiment.NasSpaces; best validation accuracy against compute (epochs
# weighted by image area) and CPU seconds, mean ± standard error over seeds (NasBench's Javadoc
# has the details).
# Usage: [RESOURCE=epochs|resolution|both] [DATASET=digits|mnist] [STRATEGIES=random,evolution,tpe]
#        [MNIST_SIZES=3000,1000,1000] bench/nas.sh [SEEDS=5] [TRIALS=12] [EPOCHS=9] [SPACES=mlp,cnn]
# RESOURCE: what Hyperband allocates: epochs trained (default), image resolution (rungs at 1/4,
# 1/2 and full resolution with epochs fixed; cnn space only), or both variants side by side.
# Needs: JDK 17, Maven (offline repository filled by a build), the shared datasets folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
# reactor class path (sibling modules as target/classes); hone-experiment is built last and
# writes the file last
mvn -o -q -pl hone-experiment -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/hone-experiment/target/bench.cp" -Dhone.shared.datasets="$DATA" >/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg);" \
  "$(java -version 2>&1 | head -1)"
java -Xmx2g -Dai.djl.offline=true \
  -Dnas.resource="${RESOURCE:-epochs}" -Dnas.data="${DATASET:-digits}" \
  -Dnas.strategies="${STRATEGIES:-random,evolution,tpe}" \
  -Dnas.mnist="${MNIST_SIZES:-3000,1000,1000}" \
  -cp "hone-experiment/target/test-classes:hone-experiment/target/classes:$(cat hone-experiment/target/bench.cp)" \
  dev.hone.experiment.bench.NasBench "$DATA" "$@" 2> >(grep -v '^SLF4J' >&2)
