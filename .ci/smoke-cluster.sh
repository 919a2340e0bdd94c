#!/usr/bin/env bash
# Multi-JVM smoke test of the cluster mode, on loopback only:
#   1. a one-JVM run (train --workers 2) gives the reference params_sha256;
#   2. deploy/local-cluster.sh 2 runs the same config on a trainer JVM with two worker JVMs,
#      while an observer JVM records the events;
#   3. after the first EpochEnded one worker JVM gets SIGKILL;
# and checks: the trainer exits 0 with the reference params_sha256, the observer saw every
# epoch and the end of the run, the surviving worker exits 0. Every wait has a timeout and every
# JVM started here is stopped on exit. Last line: "smoke-cluster: N passed, M failed".
#
# Environment: SMOKE_KEEP=1 keeps the work folder (default: removed when all checks pass).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

epochs=10
work="$(mktemp -d "${TMPDIR:-/tmp}/smoke-cluster.XXXXXX")"
pids=()
CHECK_NAME=smoke-cluster
# log, check and finish
source "$root/.ci/checks.sh"

alive() {
  [ -n "$(jobs -rp | grep -x "$1")" ]
}

# Alive and not a zombie (Linux /proc): the worker JVMs are not this shell's children, so jobs
# cannot see them.
running() {
  local state
  state="$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)"
  [ -n "$state" ] && [ "$state" != Z ]
}

gone() {
  ! alive "$1"
}

# Stops every process this script started: TERM, then KILL after 10 s. local-cluster.sh stops
# its own JVMs on TERM; their PIDs are also killed here in case it could not.
cleanup() {
  local p i left
  for p in "${pids[@]}"; do
    if running "$p"; then
      kill -TERM "$p" 2>/dev/null || true
    fi
  done
  for i in $(seq 1 100); do
    left=0
    for p in "${pids[@]}"; do
      if running "$p"; then
        left=1
      fi
    done
    [ $left -eq 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do
    if running "$p"; then
      kill -KILL "$p" 2>/dev/null || true
    fi
  done
  if [ "${SMOKE_KEEP:-0}" = 1 ] || [ $failed -gt 0 ]; then
    log "work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'log "interrupted"; failed=$((failed + 1)); echo "smoke-cluster: $passed passed, $failed failed"; exit 130' INT TERM

# Waits until "$@" succeeds, at most $1 seconds; returns 1 on timeout.
wait_for() {
  local limit="$1"
  shift
  local deadline=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.1
  done
}

# A port nobody listens on, away from the usual 2551 and below Linux's ephemeral range (32768-),
# from which the other JVMs take their ports.
free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 12000))
    if ! timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  return 1
}


# ---------------------------------------------------------------- build (not timed)
log "building the jar if needed ..."
if ! timeout 900 bin/chemotaxis --version >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  check "the jar builds" false
  finish
fi
jar="$root/target/chemotaxis-all.jar"
# Fewer GC threads: five JVMs share two cores.
export JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xmx384m}"
read -r -a java_opts <<<"$JAVA_OPTS"
start=$SECONDS

# Epochs of about a second each on two busy cores: long enough to kill a worker mid-run.
cat >"$work/smoke.yml" <<EOF
name: smoke-cluster
seed: 11
model:
  type: elman
  hidden: 8
data:
  type: sine
  count: 128
  length: 80
  frequency: 1.0
objective:
  washout: 5
estimator:
  type: central
  sigma: 1.0e-4
optimizer:
  type: adam
  lr: 0.02
training:
  epochs: $epochs
  batch: 16
generation:
  steps: 50
EOF

sha_of() {
  sed -n 's/.*params_sha256=\([0-9a-f]*\).*/\1/p' "$1" | tail -n 1
}

# ---------------------------------------------------------------- 1. one JVM
log "one-JVM reference run ..."
t0=$SECONDS
timeout -k 5 100 java "${java_opts[@]}" -jar "$jar" train "$work/smoke.yml" --workers 2 --out "$work/runs" \
  --name one-jvm >"$work/one-jvm.out" 2>"$work/one-jvm.log" </dev/null &
pids+=("$!")
one_rc=0
wait "${pids[-1]}" || one_rc=$?
ref_sha="$(sha_of "$work/one-jvm.out")"
log "one-JVM run: exit $one_rc in $((SECONDS - t0)) s, params_sha256=$ref_sha"
check "one-JVM run exits 0" [ "$one_rc" -eq 0 ]
if [ -z "$ref_sha" ]; then
  tail -n 20 "$work/one-jvm.log" >&2
  check "one-JVM run prints params_sha256" false
  finish
fi

# ---------------------------------------------------------------- 2. cluster
port="$(free_port)" || { check "a free loopback port" false; finish; }
events="$work/events.jsonl"
gate="$work/start-workers"
log "cluster run: trainer on 127.0.0.1:$port, 2 worker JVMs, an observer ..."
t1=$SECONDS
PORT="$port" LOG_DIR="$work/logs" HOLD_WORKERS="$gate" HOLD_TIMEOUT=60 \
  timeout -k 15 150 deploy/local-cluster.sh 2 "$work/smoke.yml" --out "$work/runs" --name cluster \
  >"$work/cluster.out" 2>"$work/cluster.err" </dev/null &
cluster_pid=$!
pids+=("$cluster_pid")
# The observer gives up joining after 20 s, and a trainer JVM can take that long to start on busy
# cores: it starts once the trainer listens (no event is lost, the workers are held back).
wait_for 60 grep -qs "cluster seed at" "$work/logs/trainer.log" || log "the trainer did not start listening within 60 s"
timeout -k 5 150 java "${java_opts[@]}" -jar "$jar" observe --join "127.0.0.1:$port" --out "$events" \
  >"$work/observer.out" 2>"$work/observer.log" </dev/null &
observer_pid=$!
pids+=("$observer_pid")

# The workers (and so the first epoch) wait until the observer is in the cluster and its
# subscription has reached the trainer: the events topic learns of subscribers through the
# receptionist, whose replicated data is gossiped every 2 s.
if wait_for 60 grep -q "joined the cluster" "$work/observer.log"; then
  sleep 5
else
  log "the observer did not join within 60 s"
fi
touch "$gate"

wait_for 30 grep -q '^worker_pids=' "$work/cluster.out"
read -r -a worker_pids <<<"$(sed -n 's/^worker_pids=//p' "$work/cluster.out")"
trainer_pid="$(sed -n 's/^trainer_pid=//p' "$work/cluster.out")"
pids+=(${trainer_pid:+"$trainer_pid"} "${worker_pids[@]}")
check "local-cluster.sh started 2 worker JVMs" [ "${#worker_pids[@]}" -eq 2 ]

# The kill comes after the first epoch, once the trainer has both workers (on busy cores one
# worker JVM can be registered many seconds after the other): a dying worker then holds a task.
killed=""
kill_time=""
kill_epoch=""
if wait_for 90 grep -q '"event":"EpochEnded"' "$events"; then
  wait_for 60 grep -q '"workers":2' "$events" || log "the trainer never had 2 workers at once"
  victim="${worker_pids[0]:-}"
  if [ -n "$victim" ] && kill -0 "$victim" 2>/dev/null; then
    kill -KILL "$victim"
    killed="$victim"
    kill_time="$(date +%H:%M:%S.%3N)"
    kill_epoch="$(grep -c '"event":"EpochEnded"' "$events")"
    log "$kill_epoch epoch(s) ended after $((SECONDS - t1)) s; SIGKILL to worker JVM $victim at $kill_time"
  fi
else
  log "no EpochEnded within 90 s"
fi
check "a worker JVM was killed after the first epoch" [ -n "$killed" ]

cluster_rc=0
wait "$cluster_pid" || cluster_rc=$?
observer_rc=0
wait_for 30 gone "$observer_pid"
wait "$observer_pid" || observer_rc=$?
cluster_seconds=$((SECONDS - t1))

# ---------------------------------------------------------------- checks
cluster_sha="$(sha_of "$work/cluster.out")"
log "cluster run: trainer exit $cluster_rc in $cluster_seconds s, params_sha256=$cluster_sha"
check "trainer exits 0" [ "$cluster_rc" -eq 0 ]
check "cluster params_sha256 equals the one-JVM run's" [ -n "$cluster_sha" -a "$cluster_sha" = "$ref_sha" ]

seen="$(grep -c '"event":"EpochEnded"' "$events" 2>/dev/null || true)"
distinct="$(grep '"event":"EpochEnded"' "$events" 2>/dev/null | sed -n 's/.*"epoch":\([0-9]*\).*/\1/p' | sort -un | wc -l)"
log "observer: exit $observer_rc, $seen EpochEnded events ($distinct distinct epochs)"
check "observer saw every EpochEnded ($epochs)" [ "${seen:-0}" -eq $epochs -a "$distinct" -eq $epochs ]
check "observer saw RunFinished" grep -q '"event":"RunFinished"' "$events"
check "observer exits 0" [ "$observer_rc" -eq 0 ]

survivor="${worker_pids[1]:-none}"
check "the surviving worker JVM exited 0" grep -q "(pid $survivor) exited with 0" "$work/cluster.err"
# The node is seen unreachable about 5 s after the kill; a run that ended sooner (the killed
# node's task copied to the other worker at once, speculative execution) had no time to see it.
noticed_or_over() {
  grep -q "is unreachable" "$work/logs/trainer.log" && return 0
  local finished
  finished="$(sed -n 's/^\([0-9:.]*\) INFO  chemotaxis - finished:.*/\1/p' "$work/logs/trainer.log" | head -n 1)"
  [ -n "$finished" ] && [ -n "$kill_time" ] && awk -v a="$kill_time" -v b="$finished" '
    function secs(t,  x) { split(t, x, ":"); return x[1] * 3600 + x[2] * 60 + x[3] }
    BEGIN { d = secs(b) - secs(a); if (d < 6) { printf "smoke-cluster: the run ended %.1f s after the kill, before the node could be seen unreachable\n", d > "/dev/stderr"; exit 0 } exit 1 }'
}
check "the trainer saw the killed node unreachable (or ended before it could)" noticed_or_over

# What the kill cost: the trainer's reaction and the epochs' durations.
grep -h "is unreachable\|workers: " "$work/logs/trainer.log" | sed 's/^/smoke-cluster:   trainer: /' >&2
durations="$(grep '"event":"EpochEnded"' "$events" 2>/dev/null \
  | sed -n 's/.*"epoch":\([0-9]*\).*"seconds":\([0-9.eE+-]*\).*/\1:\2/p' | tr '\n' ' ')"
log "epoch seconds (epoch:seconds): $durations"
if [ -n "$kill_epoch" ]; then
  # The epoch the kill fell into against the median of the epochs after it.
  echo "$durations" | tr ' ' '\n' | awk -F: -v k="$kill_epoch" '
    $1 == k { hit = $2 } $1 > k && $2 != "" { n++; rest[n] = $2 }
    END {
      if (hit == "" || n == 0) exit
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (rest[j] < rest[i]) { t = rest[i]; rest[i] = rest[j]; rest[j] = t }
      med = (n % 2) ? rest[(n + 1) / 2] : (rest[n / 2] + rest[n / 2 + 1]) / 2
      printf "smoke-cluster: epoch %d (the kill) took %.1f s, later epochs %.1f s (median): stall %.1f s\n", k, hit, med, hit - med
    }' >&2
fi
log "total $((SECONDS - start)) s (one-JVM run and cluster run)"
if [ $failed -gt 0 ]; then
  for f in "$work/cluster.err" "$work/logs/trainer.log" "$work/observer.log" "$work"/logs/worker-*.log; do
    [ -f "$f" ] && { echo "---- $f (last 15 lines)" >&2; tail -n 15 "$f" >&2; }
  done
fi
finish
