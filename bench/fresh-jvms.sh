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
# another build than target/chemotaxis-all.jar; JARS="old.jar new.jar" compares builds: run r of
# every build follows run r of the one before, so all builds see the same load, one table row
# per build. The last column is the range of the 1-minute load average seen at the runs' starts.
# JAVA_OPTS go to every JVM: JAVA_OPTS=-XX:-TieredCompilation made JDK 17's badly compiled
# kernels of earlier builds happen in every run (docs/BENCHMARKS.md, "Fresh JVMs").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-20}"
hidden="${2:-16,32,64,128}"
shift $(( $# < 2 ? $# : 2 ))
jvms=("$@")
if [ ${#jvms[@]} -eq 0 ]; then
  jvms=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi
read -r -a jars <<<"${JARS:-${JAR:-$here/target/chemotaxis-all.jar}}"
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || { [ "$jar" = "$here/target/chemotaxis-all.jar" ] && (cd "$here" && ./mvnw -B -q -DskipTests package); }
  [ -f "$jar" ] || { echo "fresh-jvms: no such jar: $jar" >&2; exit 2; }
done
max="${MAX_INDICES:-2048}"

key() { sed -E "s/.*\"$1\": *([0-9.eE+-]+).*/\1/" <<<"$2"; }
spread() {  # values -> "median min/median max/median"
  tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {m=(NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2);
    printf "%.4g %.2f %.2f", m, a[1]/m, a[NR]/m}'
}

printf '%-22s %-12s %4s %5s %10s %8s %8s %10s %8s %8s %9s %10s\n' jvm jar H runs "median s" "min/med" "max/med" \
  "median cpu" "min/med" "max/med" "≤1.5×" load
for j in "${jvms[@]}"; do
  for h in ${hidden//,/ }; do
    extra=()
    [ "$h" -ge 64 ] && extra=(--max-indices "$max")
    declare -A walls=() cpus=() loads=()
    for r in $(seq 1 "$runs"); do
      for jar in "${jars[@]}"; do
        loads[$jar]+="$(cut -d' ' -f1 /proc/loadavg) "
        out=$("$j/bin/java" --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -jar "$jar" bench --path gradient \
              --hidden "$h" --threads 2 --reps 3 --seconds 2 "${extra[@]}" 2>/dev/null | grep seconds_per_gradient | tail -1)
        walls[$jar]+="$(key seconds_per_gradient "$out") "
        cpus[$jar]+="$(key cpu_seconds "$out") "
      done
    done
    for jar in "${jars[@]}"; do
      read -r wm wlo whi <<<"$(spread <<<"${walls[$jar]}")"
      read -r cm clo chi <<<"$(spread <<<"${cpus[$jar]}")"
      # Within 1.5x of the median both ways: no run 1.5x slower, none 1.5x faster.
      ok=$(awk -v a="$whi" -v al="$wlo" -v b="$chi" -v bl="$clo" \
        'BEGIN{print (a <= 1.5 && al >= 1 / 1.5 ? "wall" : "-") "/" (b <= 1.5 && bl >= 1 / 1.5 ? "cpu" : "-")}')
      ld=$(tr ' ' '\n' <<<"${loads[$jar]}" | grep . | sort -g | awk 'NR==1{lo=$1} {hi=$1} END{printf "%s-%s", lo, hi}')
      printf '%-22s %-12s %4s %5s %10s %8s %8s %10s %8s %8s %9s %10s\n' "$(basename "$j")" "$(basename "$jar" .jar)" "$h" \
        "$runs" "$wm" "$wlo" "$whi" "$cm" "$clo" "$chi" "$ok" "$ld"
      echo "  $(basename "$jar" .jar) wall: ${walls[$jar]}" >&2
      echo "  $(basename "$jar" .jar) cpu:  ${cpus[$jar]}" >&2
    done
    unset walls cpus loads
  done
done
