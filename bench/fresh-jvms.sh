#!/usr/bin/env bash
# Does every fresh JVM run the per-weight kernel equally fast? (docs/BENCHMARKS.md, "fresh JVMs")
# Starts RUNS fresh JVMs per (JVM, hidden size), each timing SineWpBenchmark with 2 threads, and
# prints per configuration the median seconds per gradient and every run's ratio to it: the
# spread (max / median) is what a user who starts one long run may be unlucky with. Wall time and
# the process's CPU time both: under load from other programs the CPU time is the steadier one,
# and a badly compiled kernel costs CPU (boxed vectors, garbage collection) as much as time.
#
#   bench/fresh-jvms.sh [RUNS] [HIDDEN,...] [JAVA_HOME ...]
#
# Defaults: 20 runs, H = 16,32,64,128, the java on the PATH. For H >= 64 only the first
# MAX_INDICES (default 2048) perturbation indices are timed and scaled to the whole gradient, as
# SineWpBenchmark --max-indices does, so that 20 runs take minutes rather than hours. JAR picks
# another build than target/chemotaxis-all.jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
hidden="${2:-16,32,64,128}"
shift $(( $# < 2 ? $# : 2 ))
jvms=("$@")
if [ ${#jvms[@]} -eq 0 ]; then
  jvms=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
jar="${JAR:-$here/target/chemotaxis-all.jar}"
[ -f "$jar" ] || (cd "$here" && ./mvnw -B -q -DskipTests package)
max="${MAX_INDICES:-2048}"

key() { sed -E "s/.*\"$1\": *([0-9.eE+-]+).*/\1/" <<<"$2"; }
spread() {  # values -> "median min/median max/median"
  tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2);
    printf "%.4g %.2f %.2f", m, a[1]/m, a[NR]/m}'
}

printf '%-28s %4s %5s %12s %9s %9s %12s %9s %9s %6s\n' jvm H runs "median s" "min/med" "max/med" \
  "median cpu" "min/med" "max/med" "≤1.5×"
for j in "${jvms[@]}"; do
  for h in ${hidden//,/ }; do
    extra=()
    [ "$h" -ge 64 ] && extra=(--max-indices "$max")
    walls=""; cpus=""
    for r in $(seq 1 "$runs"); do
      out=$("$j/bin/java" --add-modules jdk.incubator.vector -jar "$jar" bench --path gradient \
            --hidden "$h" --threads 2 --reps 3 --seconds 2 "${extra[@]}" 2>/dev/null | grep seconds_per_gradient | tail -1)
      walls+="$(key seconds_per_gradient "$out") "
      cpus+="$(key cpu_seconds "$out") "
    done
    read -r wm wlo whi <<<"$(spread <<<"$walls")"
    read -r cm clo chi <<<"$(spread <<<"$cpus")"
    # Within 1.5x of the median both ways: no run 1.5x slower, none 1.5x faster.
    ok=$(awk -v a="$whi" -v al="$wlo" -v b="$chi" -v bl="$clo" \
      'BEGIN{print (a <= 1.5 && al >= 1 / 1.5 ? "wall" : "-") "/" (b <= 1.5 && bl >= 1 / 1.5 ? "cpu" : "-")}')
    printf '%-28s %4s %5s %12s %9s %9s %12s %9s %9s %6s\n' "$(basename "$j")" "$h" "$runs" "$wm" "$wlo" "$whi" \
      "$cm" "$clo" "$chi" "$ok"
    echo "  wall: $walls" >&2
  done
done
