#!/usr/bin/env bash
# Mitigation on german_credit (sensitive column sex): none vs reweighing vs per-group thresholds,
# SEEDS seeds x TRIALS trials each; prints test accuracy, ROC AUC, equalized odds and demographic
# parity differences of the unmitigated and mitigated model (metrics.json, fairness.mitigation).
# Usage: bench/fairness_mitigation.sh [SEEDS] [TRIALS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SEEDS="${1:-3}"
TRIALS="${2:-20}"
OUT="$(mktemp -d)"
export HONE_DATA_MIRROR="${HONE_DATA_MIRROR:-$ROOT/../shared/datasets}"
for seed in $(seq 1 "$SEEDS"); do
  for mit in reweighing threshold; do
    start=$(date +%s.%N)
    "$ROOT/hone" train --dataset german_credit --sensitive sex --trials "$TRIALS" --seed "$seed" \
      --threads 1 --mitigation "$mit" --out "$OUT/$mit-$seed" >/dev/null 2>&1
    end=$(date +%s.%N)
    python3 - "$OUT/$mit-$seed/metrics.json" "$mit" "$seed" "$start" "$end" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))["fairness"]["mitigation"]["comparison"]
row = {r["metric"]: r for r in m}
def f(name, k):
    v = row[name][k]
    return "n/a" if isinstance(v, str) else f"{v:.3f}"
print(f"{sys.argv[2]:10s} seed={sys.argv[3]} wall={float(sys.argv[5]) - float(sys.argv[4]):.1f}s "
      + " ".join(f"{n}={f(n, 'before')}->{f(n, 'after')}" for n in
                 ["accuracy", "roc_auc", "equalized_odds_difference", "demographic_parity_difference"]))
PY
  done
done
rm -rf "$OUT"
