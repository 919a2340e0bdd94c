#!/usr/bin/env bash
# The sine benchmark against the PyTorch peer, side by side in one run (docs/BENCHMARKS.md).
# Each round runs the peer (batched, central WP) and then the project's kernel on every JVM given,
# one after the other, so all see the same machine load. Prints one line per round and the medians.
#
#   bench/side-by-side.sh [ROUNDS] [HIDDEN] [THREADS] [JAVA_HOME ...]
#
# The JVMs default to the one on the PATH; list several JAVA_HOMEs to compare them
# (e.g. bench/side-by-side.sh 5 32 2 /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64).
# Needs Debian's python3-torch and libopenblas0-pthread for the peer.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-5}"
hidden="${2:-32}"
threads="${3:-2}"
shift $(( $# < 3 ? $# : 3 ))
jvms=("$@")
if [ ${#jvms[@]} -eq 0 ]; then
  jvms=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
peer="$here/bench/torch_wp_sine.py"
[ -f "$peer" ] || { echo "side-by-side: peer script not found: $peer" >&2; exit 2; }
jar="$here/target/chemotaxis-all.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)

seconds() { sed -E 's/.*"seconds_per_gradient": *([0-9.eE+-]+).*/\1/' <<<"$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A results
for r in $(seq 1 "$rounds"); do
  line="round $r  load $(cut -d' ' -f1 /proc/loadavg)"
  p=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$peer" --hidden "$hidden" \
      --threads "$threads" --variant batched --reps 3 | grep seconds_per_gradient | tail -1)
  results[peer]+="$(seconds "$p") "
  line+="  peer $(seconds "$p") s"
  for j in "${jvms[@]}"; do
    out=$("$j/bin/java" --add-modules jdk.incubator.vector -jar "$jar" bench --path gradient \
          --hidden "$hidden" --threads "$threads" --reps 5 2>/dev/null | grep seconds_per_gradient | tail -1)
    s=$(seconds "$out")
    results[$j]+="$s "
    line+="  $(basename "$j") $s s ($(awk -v a="$(seconds "$p")" -v b="$s" 'BEGIN{printf "%.1f", a/b}')x)"
  done
  echo "$line"
done
pm=$(tr ' ' '\n' <<<"${results[peer]}" | grep . | median)
echo "median: peer $pm s"
for j in "${jvms[@]}"; do
  m=$(tr ' ' '\n' <<<"${results[$j]}" | grep . | median)
  echo "median: $(basename "$j") $m s, $(awk -v a="$pm" -v b="$m" 'BEGIN{printf "%.1f", a/b}')x the peer"
done
