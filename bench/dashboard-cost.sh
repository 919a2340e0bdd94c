#!/usr/bin/env bash
# What an open dashboard costs the training: the same sine training, round after round, without a
# dashboard, with the dashboard served and one event stream open (curl), and with the page open in
# headless chromium on the same machine (the browser's rendering competes for the same cores).
# Prints each round's training seconds (RunFinished.seconds) and the medians.
#
#   bench/dashboard-cost.sh [ROUNDS] [EPOCHS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
epochs="${2:-10}"
jar="$here/target/chemotaxis-all.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# One training; $1 = none | stream | browser. Prints its training seconds.
train() {
  local mode="$1" name="$1-$RANDOM" log="$work/train.log" viewer=""
  local args=(train --out "$work" --name "$name" --workers 2 --set "training.epochs=$epochs")
  [ "$mode" = none ] || args+=(--dashboard 0)
  java --add-modules jdk.incubator.vector -jar "$jar" "${args[@]}" >"$log" 2>&1 &
  local pid=$!
  if [ "$mode" != none ]; then
    local url=""
    for _ in $(seq 1 600); do
      url=$(grep -o 'http://[^ ]*' "$log" | head -1 || true)
      [ -n "$url" ] && break
      sleep 0.05
    done
    if [ "$mode" = stream ]; then
      curl -s -N "${url}events" >/dev/null &
    else
      chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile-$RANDOM" --remote-debugging-port=0 "$url" >/dev/null 2>&1 &
    fi
    viewer=$!
  fi
  wait "$pid"
  [ -z "$viewer" ] || { kill "$viewer" 2>/dev/null || true; wait "$viewer" 2>/dev/null || true; }
  grep -o '"event":"RunFinished"[^}]*' "$work/$name/events.jsonl" | sed -E 's/.*"seconds":([0-9.eE+-]+).*/\1/'
}

declare -A results
for r in $(seq 1 "$rounds"); do
  line="round $r  load $(cut -d' ' -f1 /proc/loadavg)"
  for mode in none stream browser; do
    s=$(train "$mode")
    results[$mode]+="$s "
    line+="  $mode $s s"
  done
  echo "$line"
done
for mode in none stream browser; do
  echo "median $mode $(tr ' ' '\n' <<<"${results[$mode]}" | grep . | median) s"
done
