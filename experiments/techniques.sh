#!/usr/bin/env bash
# The techniques study (experiments/techniques.md): every config in experiments/techniques/ (one
# perturbation technique each, all under one budget of training worm-episodes) trained with
# several seeds, then compared: training episodes until the reference-world validation F first
# reaches 0.72, final test F on the 400 test starts of the shipped network, wall time. Resumable:
# a finished run is kept, an interrupted one is resumed, so the script can be run again after a
# stop and only the missing work is done.
#
#   experiments/techniques.sh [OUT]                 runs under OUT (default runs/techniques)
#   SEEDS="1 2 3" experiments/techniques.sh         other seeds (default: 1 2 3 4 5)
#   ONLY="gaussian pgpe" experiments/techniques.sh  some configs only (names of the .yml files)
#   BUDGET=400000 ...                               refuse runs whose configs spend more (default 264000)
#   SET="training.epochs=3" NO_PUBLISH=1 ...        a quick pilot: extra --set for every new run
#
# Writes OUT/tables.md and, unless NO_PUBLISH=1, experiments/techniques.md (the header
# experiments/techniques/HEADER.md, the tables, then what they show: FINDINGS.md beside the header)
# and experiments/techniques.png.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$here/bin/chemotaxis"
out="${1:-runs/techniques}"
seeds="${SEEDS:-1 2 3 4 5}"
budget="${BUDGET:-264000}"
mkdir -p "$out"

configs=()
for f in "$here"/experiments/techniques/*.yml; do
  name="$(basename "$f" .yml)"
  if [ -n "${ONLY:-}" ] && ! tr ' ' '\n' <<<"$ONLY" | grep -qx -- "$name"; then
    continue
  fi
  configs+=("$f")
done
[ ${#configs[@]} -gt 0 ] || { echo "techniques: no config in experiments/techniques matches ONLY='${ONLY:-}'" >&2; exit 2; }

finished() { [ -f "$1/events.jsonl" ] && grep -q '"event":"RunFinished"' "$1/events.jsonl"; }

runs=()
total=$(( ${#configs[@]} * $(wc -w <<<"$seeds") ))
k=0
for f in "${configs[@]}"; do
  name="$(basename "$f" .yml)"
  for s in $seeds; do
    k=$((k + 1))
    run="$out/$name-seed$s"
    if finished "$run"; then
      echo "techniques: [$k/$total] $name seed $s: done before"
    elif [ -f "$run/checkpoint.json" ]; then
      echo "techniques: [$k/$total] $name seed $s: resuming"
      "$cli" train --resume "$run"
    else
      echo "techniques: [$k/$total] $name seed $s: training"
      rm -rf "$run"
      extra=()
      for kv in ${SET:-}; do extra+=(--set "$kv"); done
      "$cli" train "$f" --set "seed=$s" "${extra[@]}" --out "$out" --name "$(basename "$run")"
    fi
    spent=$(tail -1 "$run/metrics.csv" | awk -F, '{print $(NF-1)}')
    if [ "$spent" -gt "$budget" ]; then
      echo "techniques: $run spent $spent training episodes, more than the budget of $budget: fix $f" >&2
      exit 1
    fi
    runs+=("$run")
  done
done

# Every network is tested on the starts the shipped network was tested on.
seed=$("$cli" evaluate "$here/experiments/results/chemotaxis" --starts 1 | sed -E 's/.*"seed":(-?[0-9]+).*/\1/')
"$cli" compare --threshold 0.72 --test-seed "$seed" --starts 400 --markdown "$out/tables.md" \
  --plot "$out/techniques.png" "${runs[@]}"
if [ "${NO_PUBLISH:-0}" != 1 ]; then
  { cat "$here/experiments/techniques/HEADER.md"; echo; cat "$out/tables.md"
    if [ -f "$here/experiments/techniques/FINDINGS.md" ]; then echo; cat "$here/experiments/techniques/FINDINGS.md"; fi
  } > "$out/techniques.md"
  mv "$out/techniques.md" "$here/experiments/techniques.md"
  cp "$out/techniques.png" "$here/experiments/techniques.png"
  echo "techniques: wrote experiments/techniques.md and experiments/techniques.png"
fi
