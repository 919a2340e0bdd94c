#!/bin/sh
# Starts a run, or continues it from its last checkpoint when the folder already has one: the
# trainer command of a container that a supervisor (Docker's restart policy, a Kubernetes Job)
# may start again after a crash.
#
#   deploy/train-or-resume.sh RUN_DIR CONFIG [train args...]
#
# RUN_DIR/checkpoint.json present: train --resume RUN_DIR [train args...]
# otherwise:                        train CONFIG --out $(dirname RUN_DIR) --name $(basename RUN_DIR) [train args...]
# A RUN_DIR without a checkpoint (the trainer died before its first epoch ended) is moved aside
# to RUN_DIR.incomplete-<timestamp>, never deleted.
#
# The train args are the ones a resumed run accepts too: --cluster, --host, --port, --workers,
# --tls. Config changes (--set) belong in CONFIG. The jar is $CHEMOTAXIS_JAR (default
# /app/chemotaxis-all.jar, as in deploy/Dockerfile), else bin/chemotaxis of this checkout.
set -eu

if [ $# -lt 2 ]; then
  echo "usage: $0 RUN_DIR CONFIG [train args...]" >&2
  exit 2
fi
run_dir="${1%/}"
config="$2"
shift 2

jar="${CHEMOTAXIS_JAR:-/app/chemotaxis-all.jar}"
if [ -f "$jar" ]; then
  # JAVA_OPTS word-splits on purpose.
  set -- java --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -jar "$jar" train "$@"
else
  set -- "$(cd "$(dirname "$0")/.." && pwd)/bin/chemotaxis" train "$@"
fi

if [ -f "$run_dir/checkpoint.json" ]; then
  echo "train-or-resume: resuming $run_dir from its checkpoint" >&2
  exec "$@" --resume "$run_dir"
fi
if [ -e "$run_dir" ]; then
  aside="$run_dir.incomplete-$(date +%Y%m%d-%H%M%S)"
  echo "train-or-resume: $run_dir has no checkpoint; moving it to $aside and starting afresh" >&2
  mv "$run_dir" "$aside"
fi
echo "train-or-resume: starting $run_dir from $config" >&2
exec "$@" "$config" --out "$(dirname "$run_dir")" --name "$(basename "$run_dir")"
