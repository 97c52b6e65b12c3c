#!/usr/bin/env bash
# Times `hone train --dataset adult --trials 30 --seed 1` as a whole process: one warm-up run and
# REPEATS counted runs (default 3), each into a fresh output folder and study. Prints, per run,
# wall seconds, peak resident set size (GNU time) and the share of time spent inside XGBoost's
# fit/predict calls (from the workflow's timing log line), then the medians.
# Usage: bench/train_adult.sh [REPEATS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPEATS="${1:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/hone" --version >/dev/null   # build first, outside the timing
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }

run() {  # $1 = run index
  local out="$WORK/run$1/adult" log="$WORK/run$1.log"
  /usr/bin/time -v "$ROOT/hone" train --dataset adult --trials 30 --seed 1 --out "$out" \
    >"$WORK/run$1.out" 2>"$log"
  local wall rss share auc
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$log")
  share=$(sed -n 's/.*fit\/predict [0-9.]* s (\([0-9.]*\)% of total).*/\1/p' "$log")
  auc=$(sed -n 's/.*roc_auc=\([0-9.]*\).*/\1/p' "$WORK/run$1.out")
  echo "$wall $rss $share $auc"
}

echo "warm-up: $(run 0)" >&2
printf '%-5s %10s %12s %16s %10s\n' run wall_s peak_rss_MiB xgboost_share_% test_auc
: >"$WORK/rows"
for i in $(seq 1 "$REPEATS"); do
  r=$(run "$i"); echo "$r" >>"$WORK/rows"
  printf '%-5s %10s %12s %16s %10s\n' "$i" $r
done
median() { sort -g | awk '{a[NR]=$1} END{print (NR%2)? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
printf '%-5s %10s %12s %16s\n' median \
  "$(cut -d' ' -f1 "$WORK/rows" | median)" "$(cut -d' ' -f2 "$WORK/rows" | median)" \
  "$(cut -d' ' -f3 "$WORK/rows" | median)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
