#!/usr/bin/env bash
# A training cluster on this machine: one trainer JVM (the cluster seed, no local workers, so
# that every task goes over the network) and N worker JVMs with one worker each, all on
# loopback. Useful to try the cluster path, and the base of .ci/smoke-cluster.sh.
#
#   deploy/local-cluster.sh N CONFIG [extra train args...]
#
# Environment:
#   PORT           the trainer's cluster port (default 2551)
#   LOG_DIR        where the logs go (default runs/cluster-logs-<timestamp>): trainer.log (its
#                  stderr), trainer.out (its stdout), worker-<i>.log
#   JAVA           the java binary (default java)
#   JAVA_OPTS      JVM options for every JVM, e.g. -Xmx512m (default: CHEMOTAXIS_JAVA_OPTS)
#   HOLD_WORKERS   a file: the workers start only once it exists (at most HOLD_TIMEOUT s,
#                  default 60), e.g. to let an observer subscribe before the first epoch ends
#
# Prints trainer_pid=..., worker_pids=... and log_dir=... on stdout, the trainer's epoch lines on
# stderr as they come, then, when the trainer ends, the trainer's stdout (its last line is
# run_dir=... params_sha256=...). The exit code is the
# trainer's. Every JVM it started is stopped on exit, Ctrl-C or SIGTERM.
set -euo pipefail

usage() {
  echo "usage: $0 N CONFIG [extra train args...]   (env PORT, LOG_DIR, JAVA, JAVA_OPTS, HOLD_WORKERS)" >&2
  exit 2
}
[ $# -ge 2 ] || usage
n="$1"
config="$2"
shift 2
case "$n" in
  '' | *[!0-9]*) echo "N must be a number of worker JVMs >= 1, but was '$n'" >&2; exit 2 ;;
esac
if [ "$n" -lt 1 ]; then
  # The trainer runs with --workers 0: without a worker JVM it would wait forever.
  echo "N must be >= 1 (the trainer has no local workers), but was $n" >&2
  exit 2
fi
[ -f "$config" ] || { echo "config file not found: $config" >&2; exit 2; }

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-2551}"
java_bin="${JAVA:-java}"
# Word splitting of the options is intended.
read -r -a java_opts <<<"${JAVA_OPTS:-${CHEMOTAXIS_JAVA_OPTS:-}}"
log_dir="${LOG_DIR:-$here/runs/cluster-logs-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$log_dir"
log_dir="$(cd "$log_dir" && pwd)"
echo "local-cluster: logs in $log_dir" >&2

# One build up front: N+1 launchers checking the jar at once would each start their own build.
"$here/bin/chemotaxis" --version >/dev/null
jar="$here/target/chemotaxis-all.jar"

trainer_pid=""
worker_pid=()
worker_done=()

# Stops what is still running: SIGTERM first (Akka leaves the cluster cleanly), SIGKILL after 10 s.
cleanup() {
  set +e
  local pids=() p i
  for p in "$trainer_pid" "${worker_pid[@]}"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then
      pids+=("$p")
    fi
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  echo "local-cluster: stopping ${pids[*]}" >&2
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for i in $(seq 1 100); do
    local alive=()
    for p in "${pids[@]}"; do
      # A child that has exited stays a zombie until reaped, which kill -0 would still see.
      if [ -n "$(jobs -rp | grep -x "$p")" ]; then
        alive+=("$p")
      fi
    done
    [ ${#alive[@]} -eq 0 ] && return 0
    sleep 0.1
  done
  echo "local-cluster: killing ${alive[*]}" >&2
  kill -KILL "${alive[@]}" 2>/dev/null || true
}
# A reader of our output that is gone (Ctrl-C also stops a `| tee`) must not kill this script
# before it has stopped the JVMs: writes then fail instead, and the script exits through cleanup.
trap '' PIPE
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$java_bin" "${java_opts[@]}" -jar "$jar" train "$config" --cluster --port "$port" --workers 0 "$@" \
  >"$log_dir/trainer.out" 2>"$log_dir/trainer.log" </dev/null &
trainer_pid=$!
echo "trainer_pid=$trainer_pid"
# The trainer's progress (its INFO lines: start, workers, one line per epoch, the end) on our
# stderr as it happens; the whole log stays in trainer.log. tail stops with the trainer.
tail -n +1 -F --pid="$trainer_pid" "$log_dir/trainer.log" 2>/dev/null \
  | grep --line-buffered ' INFO  chemotaxis - ' | sed -u 's/^.* INFO  chemotaxis - /local-cluster: trainer: /' >&2 &

running() {
  [ -n "$(jobs -rp | grep -x "$1")" ]
}

if [ -n "${HOLD_WORKERS:-}" ]; then
  echo "local-cluster: workers wait for $HOLD_WORKERS" >&2
  deadline=$((SECONDS + ${HOLD_TIMEOUT:-60}))
  while [ ! -e "$HOLD_WORKERS" ] && [ $SECONDS -lt $deadline ] && running "$trainer_pid"; do
    sleep 0.2
  done
fi

for i in $(seq 1 "$n"); do
  "$java_bin" "${java_opts[@]}" -jar "$jar" worker --join "127.0.0.1:$port" --workers 1 \
    >"$log_dir/worker-$i.log" 2>&1 </dev/null &
  worker_pid+=("$!")
  worker_done+=("")
done
echo "worker_pids=${worker_pid[*]}"
echo "log_dir=$log_dir"

# Wait for the trainer, reporting workers that end on the way (a worker that cannot join gives
# up after 20 s; when every worker is gone, the trainer waits for new ones).
report_workers() {
  local i rc
  for i in "${!worker_pid[@]}"; do
    if [ -z "${worker_done[$i]}" ] && ! running "${worker_pid[$i]}"; then
      rc=0
      wait "${worker_pid[$i]}" || rc=$?
      worker_done[$i]="$rc"
      echo "local-cluster: worker $((i + 1)) (pid ${worker_pid[$i]}) exited with $rc" >&2
    fi
  done
}
while running "$trainer_pid"; do
  report_workers
  sleep 0.5
done
rc=0
wait "$trainer_pid" || rc=$?
echo "local-cluster: trainer exited with $rc" >&2
if [ "$rc" -ne 0 ]; then
  tail -n 5 "$log_dir/trainer.log" | sed 's/^/local-cluster:   trainer: /' >&2
fi
cat "$log_dir/trainer.out"

# After a normal end the workers stop by themselves within seconds; give them that time so that
# their exit codes are known, then the trap stops whatever is left.
deadline=$((SECONDS + 15))
while [ $SECONDS -lt $deadline ]; do
  report_workers
  left=0
  for i in "${!worker_pid[@]}"; do
    [ -z "${worker_done[$i]}" ] && left=1
  done
  [ $left -eq 0 ] && break
  sleep 0.2
done
exit "$rc"
