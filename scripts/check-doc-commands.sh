#!/usr/bin/env bash
# Runs the commands that README.md, docs/*.md and experiments/*.md show, as a user of a fresh
# clone would, and says which fail. Every `bin/chemotaxis ...` line of a code block is run, with
# the documents' placeholders filled in: the README's example sine run becomes a sine run this
# script trains first (with the README's own command), RUN_DIR a copy of
# experiments/results/chemotaxis, and runs/ a temporary folder. A command whose next line in
# the document starts with "error:" must exit 2 and print that line; every other must exit 0.
# The sine training runs first, into a temporary folder.
# Not run, because they need several machines or take minutes: cluster commands (worker,
# observe, --cluster, --tls), training the chemotaxis network, bench, and the scripts of
# deploy/ and experiments/ (DocumentLinksTest checks that every file they name exists).
#
#   scripts/check-doc-commands.sh            every command as written (5-10 min on 2 cores)
#   scripts/check-doc-commands.sh --quick    chemotaxis evaluations with 20 starts (about 2 min)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick=false
[ "${1:-}" = "--quick" ] && quick=true
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# "file<TAB>command<TAB>expected error line or empty", one per command line of a code block.
extract() {
  awk -v OFS='\t' '
    FNR == 1 { inblock = 0; pending = "" }
    /^```/ { inblock = !inblock; if (pending != "") { print FILENAME, pending, ""; pending = "" } next }
    inblock {
      line = $0
      if (pending != "") {
        if (line ~ /^error: /) { print FILENAME, pending, line } else { print FILENAME, pending, "" }
        pending = ""
      }
      sub(/^\$ /, "", line)
      if (line ~ /^bin\/chemotaxis /) { sub(/[ \t]+#.*$/, "", line); pending = line }
    }' README.md docs/*.md experiments/*.md
}

skip() {
  case "$1" in
    "bin/chemotaxis train experiments/sine.yml") return 0 ;; # trained above
    *" worker "*|*" observe "*|*--cluster*|*--tls*|*" bench "*|*"chemotaxis.yml"*|*"[--"*|*"(RUN_DIR"*) return 0 ;;
  esac
  return 1
}

echo "training the example sine run (README: bin/chemotaxis train experiments/sine.yml) ..."
bin/chemotaxis train experiments/sine.yml --out "$work/runs" --name sine >"$work/train.out" 2>"$work/train.err" || {
  echo "FAIL bin/chemotaxis train experiments/sine.yml"; tail -5 "$work/train.err"; exit 1; }
sine="$work/runs/sine"
cp -r experiments/results/chemotaxis "$work/chemotaxis"

failed=0
ran=0
while IFS=$'\t' read -r file cmd expected; do
  if skip "$cmd"; then
    [ "$cmd" = "bin/chemotaxis train experiments/sine.yml" ] || echo "skip ($file) $cmd"
    continue
  fi
  run="$cmd"
  run="${run//runs\/sine-20261127-234722/$sine}"
  run="${run// runs\// $work/runs/}"
  run="${run//RUN_DIR/$work/chemotaxis}"
  run="${run//experiments\/results\/chemotaxis/$work/chemotaxis}"
  if $quick && [[ "$run" == *" evaluate "* ]] && [[ "$run" != *--starts* ]] && { [[ "$run" == *"$work/chemotaxis"* ]] || [[ "$run" == *--controller* ]]; }; then
    run="$run --starts 20"
  fi
  if $quick; then run="${run//--starts 400/--starts 20}"; fi
  # New runs go to the temporary folder, not into the clone.
  if [[ "$run" == "bin/chemotaxis train "* ]] && [[ "$run" != *--resume* ]]; then run="$run --out $work/runs"; fi
  ran=$((ran + 1))
  start=$(date +%s)
  set +e
  # shellcheck disable=SC2086
  eval "$run" >"$work/out" 2>"$work/err"
  code=$?
  set -e
  took=$(( $(date +%s) - start ))
  if [ -n "$expected" ]; then
    if [ "$code" -eq 2 ] && grep -qxF "$expected" "$work/err"; then
      echo "ok   ($file, ${took} s, exit 2 as shown) $cmd"
    else
      echo "FAIL ($file) $cmd: exit $code, expected 2 and: $expected"; sed 's/^/     /' "$work/err" | grep -v incubator | tail -3
      failed=$((failed + 1))
    fi
  elif [ "$code" -eq 0 ]; then
    echo "ok   ($file, ${took} s) $cmd"
  else
    echo "FAIL ($file) $cmd: exit $code"; sed 's/^/     /' "$work/err" | grep -v incubator | tail -3
    failed=$((failed + 1))
  fi
done < <(extract)
echo "$ran commands run, $failed failed"
[ "$failed" -eq 0 ]
