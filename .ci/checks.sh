# Shared by the CI check scripts (sourced, not run): a tally of named checks with one line each.
# The sourcing script sets CHECK_NAME (the prefix of every line) before sourcing, and
# CHECK_TIMED=1 with start=$SECONDS if finish should log the total time.
passed=0
failed=0

log() { echo "$CHECK_NAME: $*" >&2; }

# check WHAT COMMAND...: runs the command; counts and logs it as passed or failed.
check() {
  local what="$1"
  shift
  if "$@"; then
    passed=$((passed + 1))
    log "ok   - $what"
  else
    failed=$((failed + 1))
    log "FAIL - $what"
  fi
}

# The last line, "NAME: N passed, M failed", and the exit code (0 when nothing failed).
finish() {
  if [ "${CHECK_TIMED:-0}" = 1 ]; then
    log "total $((SECONDS - start)) s"
  fi
  echo "$CHECK_NAME: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}
