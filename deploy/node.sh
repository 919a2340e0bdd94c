#!/bin/sh
# Runs a worker or observer node in a container, advertising an address the trainer can reach.
#
#   deploy/node.sh worker|observe [args...]
#
# Adds --join $TRAINER (default trainer:2551) and --host $NODE_HOST, where NODE_HOST defaults to
# this container's first IP address (`hostname -i`). The trainer connects back to that address,
# so it must not be a name that only this container knows, nor one shared by several containers
# (a Compose service name scaled to 3 resolves to 3 addresses). TLS: set TLS_DIR (and
# CHEMOTAXIS_TLS_PASSWORD) to add --tls $TLS_DIR; without it the node runs with --insecure (the
# container network is taken for a private one). The jar is $CHEMOTAXIS_JAR (default
# /app/chemotaxis-all.jar), else bin/chemotaxis of this checkout.
set -eu

if [ $# -lt 1 ]; then
  echo "usage: $0 worker|observe [args...]" >&2
  exit 2
fi
command="$1"
shift
case "$command" in
  worker | observe) ;;
  *) echo "node.sh runs 'worker' or 'observe', not '$command'" >&2; exit 2 ;;
esac

host="${NODE_HOST:-}"
if [ -z "$host" ]; then
  # hostname -i may print several addresses (IPv4 and IPv6): the first one is taken.
  set -- $(hostname -i) -- "$@"
  host="$1"
  while [ "$1" != "--" ]; do shift; done
  shift
  if [ "$host" = "--" ]; then
    echo "node.sh: hostname -i gave no address; set NODE_HOST" >&2
    exit 2
  fi
fi
if [ -n "${TLS_DIR:-}" ]; then
  set -- --tls "$TLS_DIR" "$@"
else
  set -- --insecure "$@"
fi

jar="${CHEMOTAXIS_JAR:-/app/chemotaxis-all.jar}"
if [ -f "$jar" ]; then
  # JAVA_OPTS word-splits on purpose.
  exec java --add-modules jdk.incubator.vector ${JAVA_OPTS:-} -jar "$jar" "$command" --join "${TRAINER:-trainer:2551}" --host "$host" "$@"
fi
exec "$(cd "$(dirname "$0")/.." && pwd)/bin/chemotaxis" "$command" --join "${TRAINER:-trainer:2551}" --host "$host" "$@"
