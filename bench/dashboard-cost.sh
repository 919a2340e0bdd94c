#!/usr/bin/env bash
# What an open dashboard costs the training: the same sine training, round after round, without a
# dashboard, with the dashboard served and one event stream open (curl), and with the page open in
# headless chromium on the same machine (the browser's rendering competes for the same cores).
# Prints, per training: its seconds of training (RunFinished.seconds: from the coordinator's start
# to the end, what the dashboard must not slow down), the CPU seconds the JVM used during the
# training (user + system, all its threads, from RunStarted to RunFinished: what the dashboard
# adds to the training's work, and a number that other load on the machine hardly moves), the
# JVM's wall-clock seconds from launch to exit and its CPU seconds in all; then the medians.
#
#   bench/dashboard-cost.sh [ROUNDS] [EPOCHS]
#
# JARS compares builds side by side in the same rounds (interleaved, so that they see the same
# load), e.g. JARS="before=/tmp/old.jar after=target/chemotaxis-all.jar"; default: this build.
# MODES picks the modes (default "none stream browser").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
epochs="${2:-10}"
modes="${MODES:-none stream browser}"
if [ -z "${JARS:-}" ]; then
  jar="$here/target/chemotaxis-all.jar"
  [ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)
  JARS="this=$jar"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# CPU ticks (user + system) of process $1 so far.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Writes the CPU ticks of JVM $1 when events file $2 gets RunStarted and when it gets RunFinished.
cpu_of_training() {
  local pid="$1" events="$2" c0="" c1=""
  while kill -0 "$pid" 2>/dev/null; do
    if [ -z "$c0" ] && grep -qs '"event":"RunStarted"' "$events"; then c0=$(ticks "$pid"); fi
    if [ -n "$c0" ] && grep -qs '"event":"RunFinished"' "$events"; then c1=$(ticks "$pid"); break; fi
    sleep 0.02
  done
  echo "$c0 $c1" >"$work/ticks"
}

# One training; $1 = jar, $2 = none | stream | browser. Prints "training training-cpu wall cpu" seconds.
train() {
  local jar="$1" mode="$2" name="$2-$RANDOM" log="$work/train.log" viewer=""
  local args=(train --out "$work" --name "$name" --workers 2 --set "training.epochs=$epochs")
  [ "$mode" = none ] || args+=(--dashboard 0)
  /usr/bin/time -f "%e %U %S" -o "$work/time" java --add-modules jdk.incubator.vector -jar "$jar" "${args[@]}" >"$log" 2>&1 &
  local pid=$! jvm=""
  for _ in $(seq 1 500); do
    jvm=$(pgrep -P "$pid" java || true)
    [ -n "$jvm" ] && break
    sleep 0.01
  done
  cpu_of_training "$jvm" "$work/$name/events.jsonl" &
  local poller=$!
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
  wait "$poller"
  [ -z "$viewer" ] || { kill "$viewer" 2>/dev/null || true; wait "$viewer" 2>/dev/null || true; }
  local training c0 c1
  training=$(grep -o '"event":"RunFinished"[^}]*' "$work/$name/events.jsonl" | sed -E 's/.*"seconds":([0-9.eE+-]+).*/\1/')
  read -r wall user sys <"$work/time"
  read -r c0 c1 <"$work/ticks"
  printf '%.2f %.2f %.2f %.2f\n' "$training" "$(echo "($c1 - $c0) / $(getconf CLK_TCK)" | bc -l)" "$wall" \
    "$(echo "$user + $sys" | bc -l)"
  rm -rf "${work:?}/$name"
}

declare -A training tcpu wall cpu
for r in $(seq 1 "$rounds"); do
  line="round $r  load $(cut -d' ' -f1 /proc/loadavg)"
  for entry in $JARS; do
    label="${entry%%=*}"
    jar="${entry#*=}"
    for mode in $modes; do
      read -r t tc w c <<<"$(train "$jar" "$mode")"
      key="$label $mode"
      training[$key]+="$t "
      tcpu[$key]+="$tc "
      wall[$key]+="$w "
      cpu[$key]+="$c "
      line+="  $key $t/$tc/$w/$c"
    done
  done
  echo "$line"
done
echo "medians (seconds): training, CPU during the training, JVM wall-clock, JVM CPU"
for entry in $JARS; do
  label="${entry%%=*}"
  for mode in $modes; do
    key="$label $mode"
    m() { tr ' ' '\n' <<<"$1" | grep . | median; }
    printf '%-18s %7s %7s %7s %7s\n' "$key" "$(m "${training[$key]}")" "$(m "${tcpu[$key]}")" "$(m "${wall[$key]}")" \
      "$(m "${cpu[$key]}")"
  done
done
