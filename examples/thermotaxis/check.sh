#!/usr/bin/env bash
# CI check of the plugin example, from the project's root on a fresh clone:
#   1. installs the project's artifact (./mvnw install -DskipTests) and builds the example
#      against it alone (its own tests run too);
#   2. trains examples/thermotaxis/thermotaxis.yml for a few epochs through bin/chemotaxis with
#      --plugins examples/thermotaxis/target, with 1 and 2 local workers, and on a cluster (a
#      trainer with no local workers and one worker JVM given the same plugin folder);
#   3. checks that the three params_sha256 are equal, and that the trained network beats the
#      trivial controller (a worm that never turns): the run's best validation metric (the
#      metric column of metrics.csv, mean |T - T_c| in degrees C, the epoch model.json holds)
#      against the trivial controller's score on the same validation episodes, computed by the
#      example's own scorer (Baselines RUN_DIR: the run's seed, problem.params and
#      problem.validation_episodes). The klinotaxis controller's score is printed for comparison.
# Nothing is copied into the repository: the runs go to a temporary folder, removed on success.
# Last line: "example-plugin: N passed, M failed". Environment: CHECK_EPOCHS (default 4),
# CHECK_KEEP=1 keeps the work folder.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

epochs="${CHECK_EPOCHS:-4}"
example=examples/thermotaxis
config="$example/thermotaxis.yml"
plugins="$example/target"
work="$(mktemp -d "${TMPDIR:-/tmp}/example-plugin.XXXXXX")"
pids=()
start=$SECONDS
# Small heaps and one GC thread: three JVMs may share two cores.
export CHEMOTAXIS_JAVA_OPTS="${CHEMOTAXIS_JAVA_OPTS:--XX:+UseSerialGC -Xmx384m}"
CHECK_NAME=example-plugin
CHECK_TIMED=1
# log, check and finish
source "$root/.ci/checks.sh"

cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill -TERM "$p" 2>/dev/null || true
  done
  if [ "${CHECK_KEEP:-0}" = 1 ] || [ "$failed" -gt 0 ]; then
    log "work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

sha_of() {
  sed -n 's/.*params_sha256=\([0-9a-f]*\).*/\1/p' "$1" | tail -n 1
}

# ---------------------------------------------------------------- build
log "installing the project's artifact and building the example ..."
if ! ./mvnw -B -q install -DskipTests >"$work/install.log" 2>&1; then
  tail -n 30 "$work/install.log" >&2
  check "the project installs" false
  finish
fi
if ! ./mvnw -B -q -f "$example/pom.xml" package >"$work/example.log" 2>&1; then
  tail -n 40 "$work/example.log" >&2
  check "the example builds and its tests pass" false
  finish
fi
check "the example builds against the installed artifact and its tests pass" test -f "$plugins/thermotaxis.jar"

# ---------------------------------------------------------------- 1 and 2 local workers
train() {
  local name="$1"
  shift
  timeout -k 5 180 bin/chemotaxis train --plugins "$plugins" "$config" --out "$work/runs" --name "$name" \
    --set training.epochs="$epochs" "$@" >"$work/$name.out" 2>"$work/$name.log" </dev/null
}
for w in 1 2; do
  t0=$SECONDS
  rc=0
  train "workers-$w" --workers "$w" || rc=$?
  log "train --workers $w: exit $rc in $((SECONDS - t0)) s, params_sha256=$(sha_of "$work/workers-$w.out")"
  check "train --workers $w exits 0" [ "$rc" -eq 0 ]
  [ "$rc" -eq 0 ] || tail -n 20 "$work/workers-$w.log" >&2
done
sha1="$(sha_of "$work/workers-1.out")"
sha2="$(sha_of "$work/workers-2.out")"
check "1 and 2 workers give the same params_sha256" [ -n "$sha1" -a "$sha1" = "$sha2" ]

# ---------------------------------------------------------------- a cluster: trainer + one worker JVM
t0=$SECONDS
timeout -k 5 180 bin/chemotaxis train --cluster --port 0 --workers 0 --plugins "$plugins" "$config" \
  --out "$work/runs" --name cluster --set training.epochs="$epochs" >"$work/cluster.out" 2>"$work/cluster.log" </dev/null &
trainer=$!
pids+=("$trainer")
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/.*cluster seed at [^ ]*@127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/cluster.log" | head -n 1)"
  [ -n "$port" ] && break
  kill -0 "$trainer" 2>/dev/null || break
  sleep 0.1
done
if [ -n "$port" ]; then
  timeout -k 5 180 bin/chemotaxis worker --join "127.0.0.1:$port" --plugins "$plugins" \
    >"$work/worker.out" 2>"$work/worker.log" </dev/null &
  pids+=("$!")
fi
rc=0
wait "$trainer" || rc=$?
sha3="$(sha_of "$work/cluster.out")"
log "cluster (port ${port:-none}): trainer exit $rc in $((SECONDS - t0)) s, params_sha256=$sha3"
check "the cluster run (a worker JVM with --plugins) exits 0" [ "$rc" -eq 0 ]
check "the cluster gives the same params_sha256" [ -n "$sha3" -a "$sha3" = "$sha1" ]
[ "$rc" -eq 0 ] || { tail -n 15 "$work/cluster.log" >&2; tail -n 15 "$work/worker.log" >&2 2>/dev/null; }

# ---------------------------------------------------------------- the network against the trivial controller
run="$work/runs/workers-1"
java_bin="java"
[ -n "${JAVA_HOME:-}" ] && java_bin="$JAVA_HOME/bin/java"
"$java_bin" -cp "$root/target/chemotaxis-all.jar:$plugins/thermotaxis.jar" org.chemotaxis.examples.thermotaxis.Baselines \
  "$run" >"$work/baselines.out" 2>"$work/baselines.log"
straight="$(sed -n 's/^straight deviation_C=\([0-9.eE+-]*\).*/\1/p' "$work/baselines.out")"
klinotaxis="$(sed -n 's/^klinotaxis deviation_C=\([0-9.eE+-]*\).*/\1/p' "$work/baselines.out")"
# metrics.csv: epoch,train_loss,validation_loss,metric,...; the metric is the deviation, lower is better.
network="$(awk -F, 'NR > 1 && (best == "" || $4 + 0 < best + 0) { best = $4 } END { print best }' "$run/metrics.csv")"
log "mean |T - T_c| on the run's $(sed -n 's/.*episodes=\([0-9]*\).*/\1/p' "$work/baselines.out" | head -n 1) validation episodes:" \
  "trained network $network, straight (trivial) $straight, klinotaxis $klinotaxis (degrees C)"
check "the scorer gives the trivial controller's score" [ -n "$straight" ]
check "the trained network beats the trivial controller on the validation episodes" \
  awk -v n="$network" -v s="$straight" 'BEGIN { exit !(n != "" && s != "" && n + 0 < s + 0) }'
finish
