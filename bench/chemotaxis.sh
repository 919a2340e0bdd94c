#!/usr/bin/env bash
# Chemotaxis training throughput, worm-steps per second (docs/BENCHMARKS.md), of one or more
# builds side by side: each round runs ChemotaxisBenchmark (the perturbed passes of training steps
# of experiments/chemotaxis.yml, as workers compute them) with every jar in turn, so all see the
# same machine load; then the medians and each jar's ratio to the first.
#
#   bench/chemotaxis.sh [ROUNDS] [THREADS] [JAR ...]
#
# JARs default to target/chemotaxis-all.jar. A jar built before ChemotaxisBenchmark existed runs
# the benchmark from this checkout's source (the class uses only API that such a jar has), e.g.
#   git worktree add /tmp/old OLD_COMMIT && (cd /tmp/old && ./mvnw -q -DskipTests package)
#   bench/chemotaxis.sh 3 2 /tmp/old/target/chemotaxis-all.jar target/chemotaxis-all.jar
# BENCH_SECONDS (default 20) and BENCH_WARMUP (default 10) set the measured and warm-up seconds,
# BENCH_TASK_SIZE (default 2) the directions per task; JAVA_HOME picks the JVM.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-3}"
threads="${2:-2}"
shift $(( $# < 2 ? $# : 2 ))
jars=("$@")
if [ ${#jars[@]} -eq 0 ]; then
  jars=("$here/target/chemotaxis-all.jar")
  [ -f "${jars[0]}" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
source="$here/src/main/java/org/chemotaxis/bench/ChemotaxisBenchmark.java"
args=(--config "$here/experiments/chemotaxis.yml" --threads "$threads" --seconds "${BENCH_SECONDS:-20}"
      --warmup "${BENCH_WARMUP:-10}" --task-size "${BENCH_TASK_SIZE:-2}")

run() {
  local jar="$1"
  if unzip -l "$jar" 2>/dev/null | grep -q 'org/chemotaxis/bench/ChemotaxisBenchmark.class'; then
    "$java" --add-modules jdk.incubator.vector -cp "$jar" org.chemotaxis.bench.ChemotaxisBenchmark "${args[@]}"
  else
    "$java" --add-modules jdk.incubator.vector -cp "$jar" "$source" "${args[@]}"
  fi 2>/dev/null | grep '"benchmark":"chemotaxis"' | tail -1
}
key() { sed -E "s/.*\"$1\":([0-9.eE+-]+).*/\1/" <<<"$2"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A wall cpu
for r in $(seq 1 "$rounds"); do
  line="round $r  load $(cut -d' ' -f1 /proc/loadavg)"
  for i in "${!jars[@]}"; do
    out=$(run "${jars[$i]}")
    w=$(key worm_steps_per_second "$out")
    c=$(key worm_steps_per_cpu_second "$out")
    wall[$i]+="$w "
    cpu[$i]+="$c "
    line+="  [$i] $(awk -v a="$w" -v b="$c" 'BEGIN{printf "%.2fM/s (%.2fM per CPU-s)", a/1e6, b/1e6}')"
  done
  echo "$line"
done
w0=""; c0=""
for i in "${!jars[@]}"; do
  w=$(tr ' ' '\n' <<<"${wall[$i]}" | grep . | median)
  c=$(tr ' ' '\n' <<<"${cpu[$i]}" | grep . | median)
  w0=${w0:-$w}; c0=${c0:-$c}
  echo "median [$i] ${jars[$i]}: $(awk -v w="$w" -v c="$c" -v w0="$w0" -v c0="$c0" -v t="$threads" \
    'BEGIN{printf "%.2fM worm-steps/s on %d threads (%.2fx), %.2fM per CPU-second (%.2fx)", w/1e6, t, w/w0, c/1e6, c/c0}')"
done
