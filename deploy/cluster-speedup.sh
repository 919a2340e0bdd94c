#!/usr/bin/env bash
# The cluster's speed-up on this machine: the same training (a) in one JVM on one core with one
# worker, and (b) in two JVMs each pinned to its own core: the trainer (cluster seed, one local
# worker) and a worker JVM (one worker) that joins it over loopback. Prints one JSON line per
# setting and one with the ratio; epochs are timed from metrics.csv, taking the median over the
# epochs that ran with the final number of workers (the first epochs of (b) may run before the
# worker JVM has joined), so JVM start-up and the join are not counted.
#
#   deploy/cluster-speedup.sh CONFIG [extra train args...]
#
# Needs taskset (util-linux) and at least 2 cores. Environment: PORT (default 2561),
# CORES ("0 1": the cores of the trainer and of the worker JVM), OUT (run folders; default a
# temporary directory), JAVA (default java).
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 CONFIG [extra train args...]" >&2; exit 2; }
config="$1"
shift
[ -f "$config" ] || { echo "config file not found: $config" >&2; exit 2; }
command -v taskset >/dev/null || { echo "taskset not found (apt-get install util-linux)" >&2; exit 2; }
read -r core_a core_b <<<"${CORES:-0 1}"
port="${PORT:-2561}"
java_bin="${JAVA:-java}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$(mktemp -d)}"
mkdir -p "$out"

"$here/bin/chemotaxis" --version >/dev/null
# A private copy: a rebuild during the measurement must not change the jar under the JVMs.
jar="$out/chemotaxis-all.jar"
cp "$here/target/chemotaxis-all.jar" "$jar"
java_cmd=("$java_bin" --add-modules jdk.incubator.vector -jar "$jar")

worker_pid=""
cleanup() {
  if [ -n "$worker_pid" ] && kill -0 "$worker_pid" 2>/dev/null; then
    kill "$worker_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# Median seconds per epoch over the epochs that ran with the most workers, skipping the first
# of them (the one a joining worker may have entered mid-way). Prints "median epochs workers".
epoch_time() {
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
           { w[NR] = $col["workers"]; s[NR] = $col["seconds"]; if ($col["workers"] > max) max = $col["workers"] }
           END {
             n = 0; skipped = 0
             for (r = 2; r <= NR; r++) if (w[r] == max) { if (!skipped) { skipped = 1; continue } v[++n] = s[r] }
             if (n == 0) { print "nan 0 " max; exit }
             for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
             m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
             print m, n, max
           }' "$1"
}

echo "cluster-speedup: (a) one JVM on core $core_a" >&2
taskset -c "$core_a" "${java_cmd[@]}" train "$config" --workers 1 --out "$out" --name one-jvm "$@" \
  >"$out/one-jvm.out" 2>"$out/one-jvm.log"
read -r one n_one w_one < <(epoch_time "$out/one-jvm/metrics.csv")
hash_one=$(sed -n 's/.*params_sha256=//p' "$out/one-jvm.out" | tail -1)

echo "cluster-speedup: (b) trainer on core $core_a, worker JVM on core $core_b" >&2
# The worker JVM tries to join until the trainer's port is up (20 s); start it right after.
taskset -c "$core_a" "${java_cmd[@]}" train "$config" --cluster --port "$port" --workers 1 --out "$out" \
  --name two-jvms "$@" >"$out/two-jvms.out" 2>"$out/two-jvms.log" &
trainer_pid=$!
taskset -c "$core_b" "${java_cmd[@]}" worker --join "127.0.0.1:$port" --workers 1 >"$out/worker.log" 2>&1 &
worker_pid=$!
wait "$trainer_pid"
wait "$worker_pid" || true
worker_pid=""
read -r two n_two w_two < <(epoch_time "$out/two-jvms/metrics.csv")
hash_two=$(sed -n 's/.*params_sha256=//p' "$out/two-jvms.out" | tail -1)

printf '{"setting":"one JVM, one core","workers":%s,"median_epoch_s":%s,"epochs_timed":%s,"params_sha256":"%s"}\n' \
  "$w_one" "$one" "$n_one" "$hash_one"
printf '{"setting":"two JVMs, one core each","workers":%s,"median_epoch_s":%s,"epochs_timed":%s,"params_sha256":"%s"}\n' \
  "$w_two" "$two" "$n_two" "$hash_two"
awk -v a="$one" -v b="$two" -v same="$([ "$hash_one" = "$hash_two" ] && echo true || echo false)" \
  'BEGIN { printf "{\"speedup\":%.3f,\"same_params\":%s}\n", a / b, same }'
echo "cluster-speedup: run folders and logs in $out" >&2
