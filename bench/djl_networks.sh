#!/usr/bin/env bash
# Training speed of Hone's mlp and cnn learners (DJL 0.36 / PyTorch 2.7.1, CPU, 2 threads) beside
# PyTorch itself (Debian's python3-torch) on the same architectures, optimiser, batch size and
# data (MNIST's 10,000 test images split 70/10/20). One warm-up fit and REPEATS timed fits each;
# prints the median seconds per epoch and the test accuracy.
# Usage: bench/djl_networks.sh [REPEATS=3] [EPOCHS=2]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATA="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
# the CLI's packaged class path (every module and library) plus the bench class
mvn -o -q -DskipTests package >/dev/null
mvn -o -q -pl hone-experiment -am test-compile -Dhone.shared.datasets="$DATA" >/dev/null
java -Xmx2g -Dai.djl.offline=true \
  -cp "hone-experiment/target/test-classes:hone-cli/target/lib/*" \
  dev.hone.experiment.bench.NetworkEpochBench "$DATA" "$@" 2> >(grep -v '^SLF4J' >&2)
/usr/bin/python3 "$ROOT/bench/djl_peer.py" "$DATA" "$@"
