#!/usr/bin/env bash
# The faults a real cluster sees, on separate network hosts on one machine: a trainer, workers and
# an observer, each in its own Linux network namespace with its own address on one bridge (the
# bridge sits in a namespace of its own, so no packet of the cluster reaches the machine's
# network), and one scripted fault per scenario:
#
#   link-cut      a worker's link is cut for FAULT_SECONDS (default 20), then restored
#   pause         a worker JVM is stopped (SIGSTOP) for FAULT_SECONDS, then continued
#   straggler     a worker is slowed to a few percent of a core (a CPU cgroup quota) for the rest of the run
#   trainer-kill  the trainer gets SIGKILL, then `train --resume` starts again on its run folder
#   other-build   a worker of another build (one more class in its jar) joins
#   churn         workers join and leave every few seconds for most of the run
#
# Each scenario has a network of its own (its own namespaces, bridge and subnet 10.77.K.0/24), so
# the scenarios run at the same time, PARALLEL at once (default: all), started STAGGER seconds
# apart (default 2); they start their JVMs one scenario at a time (the next one once the
# workers of the one before all compute), the busiest part on a small machine. Each trains the same config as a one-JVM reference run (which runs beside
# them) and ends with a verdict line; the script ends with a table: scenario, params_sha256 equal
# to the reference's, slowest epoch against the median epoch (the first epoch, JVMs starting,
# left out), tasks handed out again when a node became unreachable, copies of slow tasks
# (speculative execution), seconds from the fault's end until the trainer had all its workers
# again, worker hosts computing in the last epoch against before the fault, epochs and the end
# seen by the observer. A scenario fails unless the hash is the reference's, the workers are back
# and computing, the observer saw every epoch and the end, no epoch took longer than the fault's
# detection and a task (but for the trainer-kill, whose first epoch after the resume waits for the
# workers), and the fault's own signs are in the logs. A scenario that cannot run says why and fails.
#
#   deploy/netns-cluster.sh [--short | --long] [--parallel N] [SCENARIO...]
#
#   --long        all six (the default; what CI runs, in about 6.5 minutes on two cores)
#   --short       link-cut pause trainer-kill other-build
#   --parallel N  at most N scenarios at once (default PARALLEL, else all of them)
#
# Needs root (namespaces, veth, a bridge; CPU cgroups, without which the straggler is slowed by
# SIGSTOP/SIGCONT and the hosts are not paced), iproute2 and Java 17. Everything it creates
# (namespaces, processes, cgroups) is removed on exit, also on Ctrl-C or SIGTERM.
#
# Environment: EPOCHS (default 60), FAULT_SECONDS (20), WORKERS (3), HOST_CPU (15: percent of a
# core each worker host gets once it computes, so that a run lasts long enough for a fault and
# the recovery after it whatever the machine), STRAGGLER_CPU (4), PARALLEL, STAGGER (2),
# NETNS_KEEP=1 keeps the work folder, JAVA_OPTS (default -XX:+UseSerialGC -Xmx384m).
# Last line: "netns-cluster: N passed, M failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

CHECK_NAME=netns-cluster
# The longest first (they start one after another).
all_scenarios=(trainer-kill link-cut pause churn straggler other-build)
short_scenarios=(link-cut pause trainer-kill other-build)
scenarios=()
parallel="${PARALLEL:-0}"
while [ $# -gt 0 ]; do
  case "$1" in
    --short) scenarios+=("${short_scenarios[@]}") ;;
    --long) scenarios+=("${all_scenarios[@]}") ;;
    --parallel)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "$CHECK_NAME: --parallel needs a count >= 1" >&2; exit 2; }
      parallel="$2"
      shift
      ;;
    -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *)
      if [[ " ${all_scenarios[*]} " == *" $1 "* ]]; then
        scenarios+=("$1")
      else
        echo "$CHECK_NAME: unknown scenario '$1' (known: ${all_scenarios[*]})" >&2
        exit 2
      fi
      ;;
  esac
  shift
done
[ ${#scenarios[@]} -gt 0 ] || scenarios=("${all_scenarios[@]}")
[ ${#scenarios[@]} -le 200 ] || { echo "$CHECK_NAME: at most 200 scenarios at a time" >&2; exit 2; }
[[ "$parallel" =~ ^[0-9]+$ ]] || { echo "$CHECK_NAME: PARALLEL must be a count, not '$parallel'" >&2; exit 2; }
[ "$parallel" -ge 1 ] || parallel=${#scenarios[@]}
stagger="${STAGGER:-2}"

epochs="${EPOCHS:-60}"
fault_seconds="${FAULT_SECONDS:-20}"
n_workers="${WORKERS:-3}"
host_cpu="${HOST_CPU:-15}"
straggler_cpu="${STRAGGLER_CPU:-4}"
export JAVA_OPTS="${JAVA_OPTS:--XX:+UseSerialGC -Xmx384m}"
read -r -a java_opts <<<"$JAVA_OPTS"
# The vector kernels, as bin/chemotaxis runs them (the same numbers without, only slower).
java_opts+=(--add-modules jdk.incubator.vector)
# A node's first join gives up after 20 s by default (a worker started with no trainer there
# says so and ends); JVMs starting side by side on two busy cores can take longer than that.
node_opts=("${java_opts[@]}" -Dakka.cluster.shutdown-after-unsuccessful-join-seed-nodes=120s)

log() { echo "$CHECK_NAME: $*" >&2; }

passed=0
failed=0

# ---------------------------------------------------------------- can it run here?
cannot_run() {
  log "cannot run: $*"
  echo "$CHECK_NAME: 0 passed, 1 failed"
  exit 1
}
[ "$(id -u)" = 0 ] || cannot_run "network namespaces need root (this is uid $(id -u))"
command -v ip >/dev/null 2>&1 || cannot_run "the ip command (iproute2) is missing"
command -v java >/dev/null 2>&1 || cannot_run "java is missing"
command -v flock >/dev/null 2>&1 || cannot_run "the flock command (util-linux) is missing"
probe="cxprobe$$"
if ! err="$(ip netns add "$probe" 2>&1)"; then
  cannot_run "cannot create a network namespace: $err"
fi
if ! err="$(ip -n "$probe" link add "${probe}a" type veth peer name "${probe}b" 2>&1 &&
  ip -n "$probe" link add "${probe}br" type bridge 2>&1)"; then
  ip netns del "$probe" 2>/dev/null
  cannot_run "cannot create veth pairs or a bridge in a namespace: $err"
fi
ip netns del "$probe"

# ---------------------------------------------------------------- the network
id="$(printf '%04x' $((RANDOM % 65536)))"
prefix="cx$id"
namespaces=()
pids=()
cgroups=()
runners=()
work="$(mktemp -d "${TMPDIR:-/tmp}/netns-cluster.XXXXXX")"

# use_net K: the names and addresses of scenario K's network: namespaces $net-NAME, veth ends
# $netNAME and $netNAMEp (at most 15 characters), subnet 10.77.K.0/24.
use_net() {
  net="$prefix$1"
  switch="$net-sw"
  subnet="10.77.$1"
  trainer_ip="$subnet.1"
  observer_ip="$subnet.9"
  stranger_ip="$subnet.8"
}
use_net 0

running() {
  local state
  state="$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)"
  [ -n "$state" ] && [ "$state" != Z ]
}

# Stops every process started here (SIGCONT first: a stopped one cannot act on SIGTERM), TERM,
# then KILL after 10 s; removes the cgroups and the namespaces (their veth ends go with them).
cleanup() {
  local p i left ns
  trap - EXIT INT TERM
  # The scenarios' runners first, so that they start nothing more.
  for p in "${runners[@]}"; do
    running "$p" && kill -TERM "$p" 2>/dev/null
  done
  # Processes are started by the runners (subshells): their PIDs are in files; and whatever is
  # still in one of the namespaces.
  for p in $(cat "$work/pids" "$work"/*/churn.pids 2>/dev/null); do
    pids+=("$p")
  done
  for ns in "${namespaces[@]}"; do
    for p in $(ip netns pids "$ns" 2>/dev/null); do
      pids+=("$p")
    done
  done
  for p in "${pids[@]}"; do
    if running "$p"; then
      kill -CONT "$p" 2>/dev/null
      kill -TERM "$p" 2>/dev/null
    fi
  done
  for i in $(seq 1 100); do
    left=0
    for p in "${pids[@]}"; do
      running "$p" && left=1
    done
    [ $left -eq 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do
    running "$p" && kill -KILL "$p" 2>/dev/null
  done
  # A cgroup can go once its processes are gone (they were, above).
  for p in "${cgroups[@]}" /sys/fs/cgroup/"$prefix"*-* /sys/fs/cgroup/cpu/"$prefix"*-*; do
    [ -d "$p" ] || continue
    rmdir "$p" 2>/dev/null || { sleep 0.5; rmdir "$p" 2>/dev/null; }
  done
  for p in "${namespaces[@]}"; do
    ip netns del "$p" 2>/dev/null
  done
  if [ "${NETNS_KEEP:-0}" = 1 ] || [ $failed -gt 0 ]; then
    log "work folder kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'log "interrupted"; failed=$((failed + 1)); echo "$CHECK_NAME: $passed passed, $failed failed"; exit 130' INT
trap 'log "terminated"; failed=$((failed + 1)); echo "$CHECK_NAME: $passed passed, $failed failed"; exit 143' TERM

make_switch() {
  ip netns add "$switch" && namespaces+=("$switch") &&
    ip -n "$switch" link set lo up &&
    ip -n "$switch" link add br0 type bridge &&
    ip -n "$switch" link set br0 up
}

# add_host NAME IP: a namespace $net-NAME whose eth0 (IP/24) is wired to the bridge through
# the switch's port ${net}NAMEp (cutting the link = taking that port down).
add_host() {
  local name="$1" ip_addr="$2" ns="$net-$1"
  ip netns add "$ns" && namespaces+=("$ns") &&
    ip link add "$net$name" type veth peer name "${net}${name}p" &&
    ip link set "$net$name" netns "$ns" &&
    ip link set "${net}${name}p" netns "$switch" &&
    ip -n "$ns" link set "$net$name" name eth0 &&
    ip -n "$ns" addr add "$ip_addr/24" dev eth0 &&
    ip -n "$ns" link set eth0 up &&
    ip -n "$ns" link set lo up &&
    ip -n "$switch" link set "${net}${name}p" master br0 &&
    ip -n "$switch" link set "${net}${name}p" up
}

worker_ip() { echo "$subnet.$((10 + $1))"; }
churn_ip() { echo "$subnet.$((20 + $1))"; }
churners_started() { if [ -f "$1/churn.pids" ]; then wc -l <"$1/churn.pids"; else echo 0; fi; }
# churn_start DIR H: churner K (the next number, port 2600 + K) starts on churn host H with the
# host's link down: the JVM starts and tries to join, and joins once the link comes up.
churn_start() {
  local dir="$1" h="$2" k
  k=$(($(churners_started "$dir") + 1))
  ip -n "$switch" link set "${net}c${h}p" down
  ip netns exec "$net-c$h" java "${node_opts[@]}" -jar "$jar" worker --join "$trainer_ip:2551" \
    --host "$(churn_ip "$h")" --port $((2600 + k)) --insecure --workers 1 >"$dir/churn-$k.log" 2>&1 </dev/null 9>&- &
  echo "$!" >>"$dir/churn.pids"
  # Not this shell's job any more: a churner killed on purpose is not reported as "Killed".
  disown "$!"
  echo "$h" >>"$dir/churn.hosts"
}

# build_net K: scenario K's network: the switch, and the hosts trainer (t), observer (o), the
# workers (w1...), the stranger (x) and four churn hosts (c1...c4).
build_net() {
  use_net "$1"
  make_switch || cannot_run "cannot create the switch namespace $switch"
  add_host t "$trainer_ip" || cannot_run "cannot create the trainer's namespace in $net"
  add_host o "$observer_ip" || cannot_run "cannot create the observer's namespace in $net"
  for i in $(seq 1 "$n_workers"); do
    add_host "w$i" "$(worker_ip "$i")" || cannot_run "cannot create worker $i's namespace in $net"
  done
  add_host x "$stranger_ip" || cannot_run "cannot create the stranger's namespace in $net"
  for i in 1 2 3 4; do
    add_host "c$i" "$(churn_ip "$i")" || cannot_run "cannot create churn namespace $i in $net"
  done
  if command -v ping >/dev/null 2>&1 && ! ip netns exec "$net-w1" ping -c 1 -W 2 "$trainer_ip" >/dev/null 2>&1; then
    cannot_run "worker 1's namespace cannot reach the trainer's ($trainer_ip) in $net"
  fi
}

log "network: for scenario K, namespaces ${prefix}K-* on a bridge br0 in ${prefix}K-sw, subnet 10.77.K.0/24"
for k in $(seq 1 ${#scenarios[@]}); do
  build_net "$k"
done

# ---------------------------------------------------------------- build (not timed)
log "building the jar if needed ..."
if ! timeout 900 bin/chemotaxis --version >"$work/build.log" 2>&1; then
  tail -n 20 "$work/build.log" >&2
  cannot_run "the jar does not build"
fi
jar="$root/target/chemotaxis-all.jar"

# Another build: the same jar with one more class of the project's (as a changed kernel would
# be), so its code fingerprint differs.
other_jar="$work/other-build.jar"
mkdir -p "$work/other/src/org/chemotaxis/kernel" "$work/other/classes"
cat >"$work/other/src/org/chemotaxis/kernel/LocalTweak.java" <<'EOF'
package org.chemotaxis.kernel;

/** A class only the other build has. */
final class LocalTweak {
    static final double SCALE = 1.0000000000000002;
}
EOF
cp "$jar" "$other_jar"
if ! { javac -d "$work/other/classes" "$work/other/src/org/chemotaxis/kernel/LocalTweak.java" &&
  (cd "$work/other/classes" && jar uf "$other_jar" org/chemotaxis/kernel/LocalTweak.class); } >"$work/other.log" 2>&1; then
  cat "$work/other.log" >&2
  cannot_run "cannot make the other build's jar (javac and jar of a JDK are needed)"
fi

# Epochs of about a second on two busy cores; with the default 50 a run lasts long enough for a
# 20-s fault and the recovery after it to land mid-run.
config="$work/netns.yml"
cat >"$config" <<EOF
name: netns
seed: 17
model:
  type: elman
  hidden: 8
data:
  type: sine
  count: 128
  length: 80
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

sha_of() { sed -n 's/.*params_sha256=\([0-9a-f]*\).*/\1/p' "$1" 2>/dev/null | tail -n 1; }

# The one-JVM reference run goes on beside the scenarios; each waits for its hash at the end.
log "one-JVM reference run ($epochs epochs), beside the scenarios ..."
(
  t0=$SECONDS
  java "${java_opts[@]}" -jar "$jar" train "$config" --workers 2 --out "$work/runs" --name solo \
    >"$work/solo.out" 2>"$work/solo.log" </dev/null
  sha_of "$work/solo.out" >"$work/ref.sha"
  if [ -s "$work/ref.sha" ]; then
    log "reference: params_sha256=$(cat "$work/ref.sha") in $((SECONDS - t0)) s"
  else
    tail -n 20 "$work/solo.log" >&2
    log "the one-JVM reference run failed"
  fi
  touch "$work/ref.done"
) &
pids+=("$!")

# ---------------------------------------------------------------- helpers of a scenario
LAST_PID=""
# start NS LOG ARGS...: runs the jar with ARGS in namespace NS, output to LOG; sets LAST_PID.
start() {
  local ns="$1" out="$2"
  shift 2
  ip netns exec "$ns" java "${node_opts[@]}" -jar "$@" >"$out" 2>&1 </dev/null 9>&- &
  LAST_PID=$!
  pids+=("$LAST_PID")
  echo "$LAST_PID" >>"$work/pids"
}

wait_for() {
  local limit="$1"
  shift
  local deadline=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.2
  done
}

events_of() { cat "$1/events.jsonl" 2>/dev/null; }
epoch_lines() { events_of "$1" | grep '"event":"EpochEnded"'; }
epochs_ended() { epoch_lines "$1" | wc -l; }
# Distinct worker hosts (namespaces) that did tasks in the last epoch.
computing_last() {
  epoch_lines "$1" | tail -n 1 | grep -o 'chemotaxis@[0-9.]*:' | sort -u | wc -l
}
epochs_at_least() { [ "$(epochs_ended "$1")" -ge "$2" ]; }
all_computing() { epochs_at_least "$1" 3 && [ "$(computing_last "$1")" -ge "$2" ]; }
listening() { grep -qs "cluster seed at" "$1"; }
alive() { running "$1"; }
gone() { ! running "$1"; }

# Epoch seconds (after the first, which waits for the workers to join and warm up): "slowest median".
epoch_stats() {
  events_of "$1" | grep '"event":"EpochEnded"' | sed -n 's/.*"epoch":\([0-9]*\).*"seconds":\([0-9.eE+-]*\).*/\1 \2/p' |
    awk '$1 > 0 { n++; v[n] = $2 } END {
      if (n == 0) { print "- -"; exit }
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
      med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      printf "%.1f %.1f\n", v[n], med }'
}
sum_field() {
  events_of "$1" | grep "\"event\":\"$2\"" | sed -n "s/.*\"$3\":\([0-9]*\).*/\1/p" | awk '{ s += $1 } END { print s + 0 }'
}
# back_after LOG SINCE N: seconds from SINCE (HH:MM:SS.mmm, today) until LOG's first "workers: N "
# line at or after it: how long the trainer was without one of its N workers; "-" if never.
back_after() {
  awk -v since="$2" -v n="$3" '
    function secs(t,  a) { split(t, a, ":"); return a[1] * 3600 + a[2] * 60 + a[3] }
    $1 >= since && index($0, "workers: " n " {") { printf "%.1f\n", secs($1) - secs(since); found = 1; exit }
    END { if (!found) print "-" }' "$1"
}
now_hms() { date +%H:%M:%S.%3N; }

observer_epochs() {
  grep '"event":"EpochEnded"' "$1" 2>/dev/null | sed -n 's/.*"epoch":\([0-9]*\).*/\1/p' | sort -un | wc -l
}

# cpu_limit NAME PERCENT PID: puts PID in the CPU cgroup $net-NAME (cgroup v2 or v1), limited
# to PERCENT of one core: a host of its own speed. The period is 10 ms (longer where the quota
# would be under the kernel's 1 ms minimum), so that a slow host is slow evenly rather than
# stopped for most of every 100 ms (a JVM's heartbeats and GC pauses suffer less). Fails when
# there is no CPU cgroup to use.
cpu_limit() {
  local name="$1" percent="$2" pid="$3" g period=10000 quota=$(($2 * 100))
  if [ "$quota" -lt 1000 ]; then
    quota=1000
    period=$((100000 / percent))
  fi
  if [ -f /sys/fs/cgroup/cgroup.controllers ] && grep -qw cpu /sys/fs/cgroup/cgroup.controllers; then
    g="/sys/fs/cgroup/$net-$name"
    grep -qw cpu /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null || echo +cpu >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
    mkdir -p "$g" 2>/dev/null || return 1
    [[ " ${cgroups[*]} " == *" $g "* ]] || cgroups+=("$g")
    echo "$quota $period" >"$g/cpu.max" 2>/dev/null && echo "$pid" >"$g/cgroup.procs" 2>/dev/null
  elif [ -d /sys/fs/cgroup/cpu ]; then
    g="/sys/fs/cgroup/cpu/$net-$name"
    mkdir -p "$g" 2>/dev/null || return 1
    [[ " ${cgroups[*]} " == *" $g "* ]] || cgroups+=("$g")
    # The quota first when the period shrinks (it must not exceed the period), else the period first.
    { echo -1 >"$g/cpu.cfs_quota_us" && echo "$period" >"$g/cpu.cfs_period_us" && echo "$quota" >"$g/cpu.cfs_quota_us"; } 2>/dev/null &&
      echo "$pid" >"$g/cgroup.procs" 2>/dev/null
  else
    return 1
  fi
}

# Worker hosts get HOST_CPU percent of a core each once they compute (a CPU cgroup), so that a run
# lasts about as long on a fast machine as on a busy one.
paced=yes
sleep 30 &
probe_pid=$!
if ! cpu_limit probe 100 "$probe_pid" 2>/dev/null; then
  paced=no
  log "no CPU cgroup to use: worker hosts run at the machine's speed, and the straggler is slowed by SIGSTOP/SIGCONT"
fi
kill "$probe_pid" 2>/dev/null
wait "$probe_pid" 2>/dev/null

# Without a CPU cgroup: stopped 90 ms of every 100 (about as slow, but in bursts).
duty_cycle() {
  local pid="$1"
  while running "$pid"; do
    kill -STOP "$pid" 2>/dev/null
    sleep 0.09
    kill -CONT "$pid" 2>/dev/null
    sleep 0.01
  done
}

# ---------------------------------------------------------------- one scenario
# run_scenario SCENARIO K: runs SCENARIO on network K (use_net K first), in a runner of its own;
# prints its verdict line, and leaves its table row in $dir/row and PASS or FAIL in $dir/verdict.
run_scenario() {
  local s="$1" name="$1-$2"
  local dir="$work/$name" run="$work/runs/$name" problems=() notes=()
  mkdir -p "$dir"
  log "---- $s on ${net}-* ($subnet.0/24)"
  local t_start=$SECONDS
  # One scenario at a time starts its JVMs (the busiest part), until its workers all compute.
  exec 9>>"$work/starting.lock"
  flock 9
  log "$s: starting its nodes after $((SECONDS - t_start)) s in line"
  start "$net-t" "$dir/trainer.log" "$jar" train "$config" --cluster --host "$trainer_ip" --port 2551 --workers 0 \
    --insecure --out "$work/runs" --name "$name"
  local trainer=$LAST_PID
  # The trainer's stdout (the last line run_dir=... params_sha256=...) is in trainer.log with its log.
  wait_for 90 listening "$dir/trainer.log" || problems+=("the trainer did not listen within 90 s")
  local workers=() i
  for i in $(seq 1 "$n_workers"); do
    start "$net-w$i" "$dir/worker-$i.log" "$jar" worker --join "$trainer_ip:2551" --host "$(worker_ip "$i")" \
      --insecure --workers 1
    workers+=("$LAST_PID")
  done
  # Two churners start now, cut off, to wait warm for their turn (see the churn fault below).
  if [ "$s" = churn ]; then
    churn_start "$dir" 1
    churn_start "$dir" 2
  fi
  start "$net-o" "$dir/observer.out" "$jar" observe --join "$trainer_ip:2551" --host "$observer_ip" --insecure \
    --out "$dir/observer.jsonl"
  local observer=$LAST_PID
  local observer_file="$dir/observer.jsonl"

  if ! wait_for 180 all_computing "$run" "$n_workers"; then
    problems+=("the $n_workers workers were not all computing within 180 s: $(computing_last "$run") were after $(epochs_ended "$run") epoch(s)")
    flock -u 9
    # No fault on a run that did not start: stop it and say so.
    kill -TERM "$trainer" "${workers[@]}" "$observer" 2>/dev/null
    for i in "$trainer" "${workers[@]}" "$observer"; do
      wait_for 15 gone "$i" || kill -KILL "$i" 2>/dev/null
    done
    printf '%-13s %-5s %7s %6s %8s %6s %6s %9s %11s  %-7s %s\n' "$s" - - - - - - - - FAIL "did not start" >"$dir/row"
    echo "$CHECK_NAME: verdict $s: FAIL in $((SECONDS - t_start)) s: ${problems[*]}"
    for f in "$dir"/trainer.log "$dir"/worker-*.log; do
      [ -f "$f" ] && { echo "---- $s: $f (last 10 lines)"; tail -n 10 "$f" | cut -c1-300; }
    done >"$dir/failure"
    echo FAIL >"$dir/verdict"
    return
  fi
  # From now on every worker host runs at its own modest speed (warm JVMs; the trainer's host is not
  # limited): the run then lasts long enough in time for a fault and the recovery after it.
  if [ "$paced" = yes ]; then
    for i in "${!workers[@]}"; do
      cpu_limit "w$((i + 1))" "$host_cpu" "${workers[$i]}" || problems+=("cannot limit worker $((i + 1))'s CPU")
    done
  fi
  flock -u 9
  local before_fault
  before_fault="$(computing_last "$run")"
  local fault_epoch
  fault_epoch="$(epochs_ended "$run")"
  log "$s: $before_fault worker node(s) computing after $fault_epoch epoch(s), $((SECONDS - t_start)) s in: the fault"

  local trainer_out="$dir/trainer.log" churn_pid="" stranger="" fault_end="" short_note=""
  case "$s" in
    link-cut)
      ip -n "$switch" link set "${net}w1p" down
      log "$s: worker 1's link cut for $fault_seconds s"
      sleep "$fault_seconds"
      ip -n "$switch" link set "${net}w1p" up
      fault_end="$(now_hms)"
      log "$s: worker 1's link restored"
      ;;
    pause)
      kill -STOP "${workers[1]}"
      log "$s: worker 2 stopped (SIGSTOP) for $fault_seconds s"
      sleep "$fault_seconds"
      kill -CONT "${workers[1]}"
      fault_end="$(now_hms)"
      log "$s: worker 2 continued (SIGCONT)"
      ;;
    straggler)
      if [ "$paced" = yes ] && cpu_limit w3 "$straggler_cpu" "${workers[2]}"; then
        log "$s: worker 3 limited to $straggler_cpu% of a core (the others $host_cpu%) for the rest of the run"
      else
        duty_cycle "${workers[2]}" &
        pids+=("$!")
        echo "$!" >>"$work/pids"
        notes+=("no CPU cgroup: slowed by SIGSTOP/SIGCONT")
        log "$s: worker 3 stopped 90 ms of every 100 for the rest of the run (no CPU cgroup to use)"
      fi
      ;;
    trainer-kill)
      kill -KILL "$trainer"
      fault_end="$(now_hms)"
      log "$s: trainer killed (SIGKILL)"
      wait "$trainer" 2>/dev/null
      wait "$observer" 2>/dev/null
      sleep 2
      start "$net-t" "$dir/trainer-resumed.log" "$jar" train --resume "$run" --cluster --host "$trainer_ip" \
        --port 2551 --workers 0 --insecure
      trainer=$LAST_PID
      trainer_out="$dir/trainer-resumed.log"
      log "$s: train --resume started"
      wait_for 90 listening "$trainer_out" || problems+=("the resumed trainer did not listen within 90 s")
      # A new observer: the first one ended with the trainer; this one gets the whole run replayed.
      observer_file="$dir/observer-2.jsonl"
      start "$net-o" "$dir/observer-2.out" "$jar" observe --join "$trainer_ip:2551" --host "$observer_ip" \
        --insecure --out "$observer_file"
      observer=$LAST_PID
      ;;
    other-build)
      start "$net-x" "$dir/stranger.log" "$other_jar" worker --join "$trainer_ip:2551" --host "$subnet.8" \
        --insecure --workers 1
      stranger=$LAST_PID
      log "$s: a worker of another build joins"
      wait_for 90 gone "$stranger" || problems+=("the worker of another build did not stop within 90 s")
      ;;
    churn)
      # At most two churners (worker JVMs, each on a churn host of its own) are in the cluster.
      # Every 8 s, when both are in, the older one that has computed leaves (by SIGTERM or
      # SIGKILL in turn), and a churner waiting warm joins: its host's link comes up. A churner
      # starts with its link down, ahead of its turn, so that its turn is not spent starting a
      # JVM on busy cores (up to 40 s when all six scenarios run at once; the run's churn lasts
      # about 45 s); two of them wait at any time, on the free hosts. Each churner takes part
      # before it goes, however busy the machine, and one that is slow holds up nobody (it
      # leaves unasked 60 s after it joined). A churner gets HOST_CPU once it has computed, like
      # the other hosts: a cold JVM is not warmed up at a few percent of a core. Until 12 epochs
      # before the end; then a churner that has not computed yet leaves too, and those that have
      # stay to the end.
      (
        next=0
        declare -A since=() paced_c=()
        host_c() { sed -n "${1}p" "$dir/churn.hosts"; }
        pid_c() { sed -n "${1}p" "$dir/churn.pids"; }
        # Tasks of an epoch (tasks_by_node), not the worker list: it computed, not only joined.
        computed_c() { epoch_lines "$run" | grep -q "chemotaxis@$(churn_ip "$(host_c "$1")"):$((2600 + $1))[^0-9]"; }
        joined_c() { grep -qx "$1" "$dir/churn.joined" 2>/dev/null; }
        # Its actor system is up and trying to reach the trainer.
        ready_c() { grep -qs " joining " "$dir/churn-$1.log"; }
        leave() {
          echo "$(now_hms) churner $1 leaves ($([ $(($1 % 2)) -eq 0 ] && echo SIGTERM || echo SIGKILL))" >>"$dir/churn.timeline"
          if [ $(($1 % 2)) -eq 0 ]; then kill -TERM "$2"; else kill -KILL "$2"; fi
          wait_for 20 gone "$2"
        }
        sort_up() {
          local j
          live=() waiting=()
          for j in $(seq 1 "$(churners_started "$dir")"); do
            running "$(pid_c "$j")" || continue
            if joined_c "$j"; then live+=("$j"); else waiting+=("$j"); fi
          done
        }
        while [ "$(epochs_ended "$run")" -lt $((epochs - 12)) ] && running "$trainer"; do
          sort_up
          for j in "${live[@]}"; do
            if [ -z "${paced_c[$j]:-}" ] && computed_c "$j"; then
              [ "$paced" = yes ] && cpu_limit "c$(host_c "$j")" "$host_cpu" "$(pid_c "$j")"
              paced_c[$j]=1
            fi
          done
          if [ $SECONDS -ge $next ]; then
            if [ ${#live[@]} -ge 2 ]; then
              for j in "${live[@]}"; do
                if computed_c "$j" || [ $((SECONDS - ${since[$j]})) -ge 60 ]; then
                  leave "$j" "$(pid_c "$j")"
                  break
                fi
              done
              sort_up
            fi
            if [ ${#live[@]} -lt 2 ]; then
              for j in "${waiting[@]}"; do
                if ready_c "$j"; then
                  ip -n "$switch" link set "${net}c$(host_c "$j")p" up
                  echo "$j" >>"$dir/churn.joined"
                  echo "$(now_hms) churner $j joins (its link comes up)" >>"$dir/churn.timeline"
                  since[$j]=$SECONDS
                  next=$((SECONDS + 8))
                  break
                fi
              done
              sort_up
            fi
          fi
          if [ ${#waiting[@]} -lt 2 ]; then
            for h in 1 2 3 4; do
              taken=no
              for j in "${live[@]}" "${waiting[@]}"; do [ "$(host_c "$j")" = "$h" ] && taken=yes; done
              if [ "$taken" = no ]; then
                churn_start "$dir" "$h"
                break
              fi
            done
          fi
          sleep 1
        done
        sort_up
        for j in "${live[@]}" "${waiting[@]}"; do
          computed_c "$j" || leave "$j" "$(pid_c "$j")"
        done
      ) 2>>"$dir/churn.err" &
      churn_pid=$!
      pids+=("$churn_pid")
      echo "$churn_pid" >>"$work/pids"
      log "$s: every 8 s a churner waiting warm joins and the older one in leaves once it has computed (SIGTERM or SIGKILL in turn)"
      ;;
  esac

  local fault_over
  fault_over="$(epochs_ended "$run")"

  # ---- the end of the run
  if ! wait_for 600 gone "$trainer"; then
    problems+=("the trainer did not end within 600 s")
    kill -KILL "$trainer" 2>/dev/null
  fi
  local trainer_rc=0
  wait "$trainer" 2>/dev/null || trainer_rc=$?
  if [ -n "$churn_pid" ]; then
    wait "$churn_pid" 2>/dev/null
    while read -r p; do
      pids+=("$p")
    done <"$dir/churn.pids"
  fi
  local w rc worker_rcs=()
  for w in "${workers[@]}"; do
    wait_for 30 gone "$w" || kill -KILL "$w" 2>/dev/null
    rc=0
    wait "$w" 2>/dev/null || rc=$?
    worker_rcs+=("$rc")
  done
  wait_for 30 gone "$observer" || kill -KILL "$observer" 2>/dev/null
  local observer_rc=0
  wait "$observer" 2>/dev/null || observer_rc=$?

  # ---- what happened (the reference run may still be going on)
  wait_for 900 test -e "$work/ref.done" || problems+=("the one-JVM reference run did not end within 900 s")
  local ref_sha
  ref_sha="$(cat "$work/ref.sha" 2>/dev/null)"
  [ -n "$ref_sha" ] || problems+=("no reference hash: the one-JVM reference run failed")
  local sha slowest median requeued copies end_computing seen saw_end alive_end="" back="-"
  sha="$(sha_of "$trainer_out")"
  [ -n "$fault_end" ] && back="$(back_after "$trainer_out" "$fault_end" "$n_workers")"
  read -r slowest median <<<"$(epoch_stats "$run")"
  requeued="$(sum_field "$run" NodeUnreachable tasks_requeued)"
  copies="$(sum_field "$run" EpochEnded speculative_tasks)"
  end_computing="$(computing_last "$run")"
  seen="$(observer_epochs "$observer_file")"
  saw_end=no
  grep -q '"event":"RunFinished"' "$observer_file" 2>/dev/null && saw_end=yes

  [ "$trainer_rc" -eq 0 ] || problems+=("the trainer exited $trainer_rc")
  [ "$sha" = "$ref_sha" ] || problems+=("params_sha256 ${sha:-none} differs from the reference's")
  [ "$seen" -eq "$epochs" ] && [ $saw_end = yes ] || problems+=("the observer saw $seen of $epochs epochs, end: $saw_end")
  [ "$observer_rc" -eq 0 ] || problems+=("the observer exited $observer_rc")
  grep -q "open without TLS (--insecure)" "$dir/trainer.log" || problems+=("the trainer did not warn about --insecure")
  for i in "${!worker_rcs[@]}"; do
    [ "${worker_rcs[$i]}" -eq 0 ] || problems+=("worker $((i + 1)) exited ${worker_rcs[$i]}")
  done
  # No epoch slower than the fault's detection (about 5 s) and a task, and some slack for busy cores;
  # the trainer-kill's first epoch after the resume waits for the workers to join again.
  if [ "$s" != trainer-kill ] && [ "$slowest" != - ] &&
    awk -v a="$slowest" -v m="$median" 'BEGIN { exit !(a - m > 8) }'; then
    problems+=("an epoch took ${slowest} s against a median of ${median} s: more than detection and a task")
  fi
  local expected_end="$before_fault"
  case "$s" in
    link-cut)
      grep -q "is unreachable" "$trainer_out" || problems+=("the trainer never saw worker 1 unreachable")
      grep -q "joining .* again" "$dir/worker-1.log" || problems+=("worker 1 did not join again by itself")
      short_note="back: s after the link came back"
      ;;
    pause)
      grep -q "is unreachable" "$trainer_out" || problems+=("the trainer never saw worker 2 unreachable")
      grep -q "joining .* again" "$dir/worker-2.log" || problems+=("worker 2 did not join again by itself")
      short_note="back: s after SIGCONT"
      ;;
    straggler)
      [ "$copies" -gt 0 ] || problems+=("no task of the straggler was copied")
      # It computes on, but its results come second to the copies of its tasks: it is in the run
      # (the trainer counts it) without a task to its name.
      local last_workers
      last_workers="$(events_of "$run" | grep '"event":"EpochEnded"' | tail -n 1 | sed -n 's/.*"workers":\([0-9]*\).*/\1/p')"
      [ "${last_workers:-0}" -eq "$n_workers" ] || problems+=("the trainer had ${last_workers:-0} workers at the end")
      expected_end=$((before_fault - 1))
      notes+=("the straggler's results came second to the copies of its tasks")
      short_note="computing: the straggler's results come second"
      ;;
    trainer-kill)
      for i in "${!workers[@]}"; do
        grep -q "joining .* again" "$dir/worker-$((i + 1)).log" || problems+=("worker $((i + 1)) did not join again by itself")
      done
      notes+=("the first epoch after the resume waits for the workers to rejoin")
      short_note="back: s after the kill; slowest: that wait"
      ;;
    other-build)
      short_note="refused on both sides"
      rc=0
      wait "$stranger" 2>/dev/null || rc=$?
      [ "$rc" -eq 2 ] || problems+=("the worker of another build exited $rc, not 2")
      grep -q "refuses run .*: another build" "$dir/stranger.log" || problems+=("the other build did not say why it refused")
      grep -q "declined the run: another build" "$trainer_out" || problems+=("the trainer did not say it refused the other build")
      grep -q "worker node (1 workers) stopped: refused run .*: another build" "$dir/stranger.log" ||
        problems+=("the other build's node did not end with the reason")
      ;;
    churn)
      # A churner that lived to the end heard it and stopped.
      alive_end=$(grep -l "stopped: the training ended" "$dir"/churn-*.log 2>/dev/null | wc -l)
      local computed started
      started=$(cat "$dir/churn.joined" 2>/dev/null | wc -l)
      computed=$(epoch_lines "$run" | grep -o "chemotaxis@${subnet//./\\.}\\.2[1-4]:[0-9]*" | sort -u | wc -l)
      expected_end=$((n_workers + alive_end))
      [ "$computed" -ge 2 ] || problems+=("only $computed churner(s) computed")
      notes+=("$started churners joined, $computed of them computed, $alive_end up at the end")
      short_note="$started churners joined, $computed computed, $alive_end at the end"
      ;;
  esac
  if [ "$end_computing" -lt "$expected_end" ]; then
    problems+=("$end_computing worker node(s) computing in the last epoch, $expected_end before the fault/up at the end")
    [ $((epochs - fault_over)) -lt 10 ] &&
      problems+=("the run ended $((epochs - fault_over)) epoch(s) after the fault: too soon to see the recovery (raise EPOCHS)")
  fi

  local verdict=PASS
  [ ${#problems[@]} -eq 0 ] || verdict=FAIL
  local hash_equal=no
  [ -n "$sha" ] && [ "$sha" = "$ref_sha" ] && hash_equal=yes
  printf '%-13s %-5s %7s %6s %8s %6s %6s %9s %11s  %-7s %s\n' "$s" "$hash_equal" "$slowest" "$median" "$requeued" \
    "$copies" "$back" "$end_computing/$expected_end" "$seen/$epochs,$saw_end" "$verdict" "$short_note" >"$dir/row"
  local why=""
  [ ${#problems[@]} -gt 0 ] && why=": $(IFS=';'; echo "${problems[*]}")"
  [ ${#notes[@]} -gt 0 ] && why="$why ($(IFS=';'; echo "${notes[*]}"))"
  echo "$CHECK_NAME: verdict $s: $verdict in $((SECONDS - t_start)) s: hash equal $hash_equal, slowest epoch ${slowest} s against median ${median} s, $requeued task(s) requeued, $copies copied, all $n_workers workers back after $back s, $end_computing/$expected_end worker nodes computing at the end, observer saw $seen/$epochs epochs and end: $saw_end$why"
  if [ "$verdict" = FAIL ]; then
    # Shown after all the scenarios, not in the middle of the others' lines.
    for f in "$trainer_out" "$dir"/worker-*.log "$dir"/churn-*.log; do
      [ -f "$f" ] && { echo "---- $s: $f (last 10 lines)"; tail -n 10 "$f" | cut -c1-300; }
    done >"$dir/failure"
  fi
  echo "$verdict" >"$dir/verdict"
}

# ---------------------------------------------------------------- all of them
# At most $parallel runners at once, started $stagger s apart (JVMs starting are the busiest part).
alive_runners() {
  local r n=0
  for r in "${runners[@]}"; do
    running "$r" && n=$((n + 1))
  done
  echo "$n"
}
start_all=$SECONDS
log "${#scenarios[@]} scenario(s), at most $parallel at once, started $stagger s apart"
for idx in "${!scenarios[@]}"; do
  if [ "$idx" -gt 0 ]; then
    sleep "$stagger"
  fi
  while [ "$(alive_runners)" -ge "$parallel" ]; do
    sleep 1
  done
  (
    trap - EXIT INT TERM
    use_net $((idx + 1))
    run_scenario "${scenarios[$idx]}" $((idx + 1))
  ) &
  runners+=("$!")
done
for r in "${runners[@]}"; do
  wait "$r"
done

passed=0
failed=0
for idx in "${!scenarios[@]}"; do
  d="$work/${scenarios[$idx]}-$((idx + 1))"
  if [ "$(cat "$d/verdict" 2>/dev/null)" = PASS ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    [ -f "$d/verdict" ] || echo "$CHECK_NAME: verdict ${scenarios[$idx]}: FAIL: its runner ended without a verdict"
    [ -f "$d/failure" ] && cut -c1-300 "$d/failure" >&2
  fi
done

echo
printf '%-13s %-5s %7s %6s %8s %6s %6s %9s %11s  %-7s %s\n' scenario hash slowest median requeued copies back computing \
  observer verdict note
printf '%-13s %-5s %7s %6s %8s %6s %6s %9s %11s  %-7s %s\n' "" equal "s" "s" "" "" "s" "end/start" epochs,end "" ""
for idx in "${!scenarios[@]}"; do
  cat "$work/${scenarios[$idx]}-$((idx + 1))/row" 2>/dev/null ||
    printf '%-13s %s\n' "${scenarios[$idx]}" "(no verdict)"
done
log "total $((SECONDS - start_all)) s for ${#scenarios[@]} scenario(s), at most $parallel at once (the reference run beside them)"
echo "$CHECK_NAME: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
