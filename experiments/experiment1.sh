#!/usr/bin/env bash
# Experiment 1 (experiments/experiment1.md): train the default chemotaxis network, then score it
# and the four hand-crafted controllers on five test conditions, 400 fresh starts of 500 s at
# dt = 0.01 s each. Prints one line per (controller, condition) and writes them to table.txt.
#
#   experiments/experiment1.sh [OUT]          train into OUT/train (default runs/experiment1), then score
#   experiments/experiment1.sh --shipped      score the shipped network, experiments/results/chemotaxis
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$here/bin/chemotaxis"

if [ "${1:-}" = "--shipped" ]; then
  run="$here/experiments/results/chemotaxis"
  out="$(mktemp -d)"
else
  out="${1:-runs/experiment1}"
  mkdir -p "$out"
  start=$(date +%s)
  "$cli" train "$here/experiments/chemotaxis.yml" --out "$out" --name train
  echo "training wall time: $(( $(date +%s) - start )) s" | tee "$out/training-time.txt"
  grep '"RunFinished"' "$out/train/events.jsonl" | tail -1 | tee -a "$out/training-time.txt" || true
  run="$out/train"
fi

# The hand-crafted controllers are scored on the network's starts: the evaluation seed follows
# from the run's config (its seed), so ask the run for it.
seed=$("$cli" evaluate "$run" --starts 1 | sed -E 's/.*"seed":(-?[0-9]+).*/\1/')

conditions=(
  "gauss|--field gauss"
  "cone -0.1|--field cone:slope=-0.1"
  "gauss lambda 1.0|--field gauss:lambda=1.0"
  "gauss lambda 2.5|--field gauss:lambda=2.5"
  "gauss, 10% noise|--field gauss --sensor-noise 0.1"
)

# One JSON line -> "F se reach median".
summary() {
  local json="$1" f se reach median
  f=$(sed -E 's/.*"F":([^,}]*).*/\1/' <<<"$json")
  se=$(sed -E 's/.*"F_se":([^,}]*).*/\1/' <<<"$json")
  reach=$(sed -E 's/.*"reach_fraction":([^,}]*).*/\1/' <<<"$json")
  median=$(sed -E 's/.*"median_reach_s":([^,}]*).*/\1/' <<<"$json")
  if [ "$median" = null ]; then
    LC_ALL=C printf '%.3f +/- %.3f  reach %.2f  median -' "$f" "$se" "$reach"
  else
    LC_ALL=C printf '%.3f +/- %.3f  reach %.2f  median %.0f s' "$f" "$se" "$reach" "$median"
  fi
}

table="$out/table.txt"
: > "$table"
for c in "${conditions[@]}"; do
  name="${c%%|*}"
  args="${c#*|}"
  for controller in none pirouette weathervane combined network; do
    if [ "$controller" = network ]; then
      # shellcheck disable=SC2086
      json=$("$cli" evaluate "$run" $args)
    else
      # shellcheck disable=SC2086
      json=$("$cli" evaluate --controller "$controller" --seed "$seed" $args)
    fi
    echo "$json" >> "$out/evaluations.jsonl"
    line=$(printf '%-18s %-12s %s' "$name" "$controller" "$(summary "$json")")
    echo "$line" | tee -a "$table"
  done
done
echo "table: $table"
