#!/usr/bin/env bash
# The image search of `hone train --task image`: search spaces (nas, default) x fidelity (full,
# auto = resolution/epochs pilot then ASHA on resolution), same trials and epochs, per seed: best
# validation log loss, test accuracy of the refitted best configuration, search CPU seconds, and
# the calibration table (ImageSearchBench's Javadoc has the details).
# Usage: bench/image_fidelity.sh DATA [SEEDS=1,2,3] [TRIALS=10] [EPOCHS=2] [FINAL_EPOCHS=6]
#        [SPACES=nas,default] [FIDELITIES=full,auto] [THREADS=1]
#   DATA: scikit-learn's digits.csv.gz or a folder of MNIST IDX files
# Needs: JDK 17, Maven (offline repository filled by a build), the shared datasets folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_ARG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
cd "$ROOT"
DATA="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
mvn -o -q -pl hone-experiment -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$ROOT/hone-experiment/target/bench.cp" -Dhone.shared.datasets="$DATA" >/dev/null
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg);" \
  "$(java -version 2>&1 | head -1)"
java -Xmx3g -Dai.djl.offline=true \
  -cp "hone-experiment/target/test-classes:hone-experiment/target/classes:$(cat hone-experiment/target/bench.cp)" \
  dev.hone.experiment.ImageSearchBench "$DATA_ARG" "$@" 2> >(grep -v '^SLF4J' >&2)
echo "# done $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d" " -f1-3 /proc/loadavg)"
