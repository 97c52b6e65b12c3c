#!/usr/bin/env bash
# The mlp learner with categorical embeddings against its one-hot input on UCI Adult: same
# network (2 x 64, Adam 3e-3, batch 256, early stopping with patience 3), same seeds, the 60/20/20
# split of hone train; test ROC AUC, log loss, accuracy, weights and fit seconds per seed
# (EmbeddingBench's Javadoc has the details).
# Usage: bench/embeddings.sh [SEEDS=3] [EPOCHS=10] [DATASET=adult]
# Needs: JDK 17, Maven (offline repository filled by a build), the shared datasets folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
mvn -o -q -pl hone-experiment -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/hone-experiment/target/bench.cp" -Dhone.shared.datasets="$DATA" >/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg);" \
  "$(java -version 2>&1 | head -1)"
HONE_DATA_MIRROR="$DATA" java -Xmx2g -Dai.djl.offline=true \
  -cp "hone-experiment/target/test-classes:hone-experiment/target/classes:$(cat hone-experiment/target/bench.cp)" \
  dev.hone.experiment.EmbeddingBench "$DATA" "$@" 2> >(grep -v '^SLF4J' >&2)
