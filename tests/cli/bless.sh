#!/usr/bin/env bash
# Regenerates the expected-* files of golden cases from the current binary.
# Only for an intended change of behaviour: review `git diff` afterwards.
# Usage: tests/cli/bless.sh BUILD/flowclean [CASE...]
set -euo pipefail
flowclean=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=($(ls "$here/cases"))
for name in "${cases[@]}"; do
  dir="$here/cases/$name"
  work=$(mktemp -d)
  mapfile -t args < <(sed "s|{work}|$work|g" "$dir/args")
  stdin=/dev/null
  [ -f "$dir/stdin.csv" ] && stdin="$dir/stdin.csv"
  set +e
  (cd "$dir" && "$flowclean" "${args[@]}" < "$stdin" > "$work/stdout" 2> "$work/stderr")
  code=$?
  set -e
  rm -f "$dir"/expected-*  "$dir/expected.csv"
  cp "$work/stdout" "$dir/expected.csv"
  sed "s|$work|{work}|g" "$work/stderr" > "$dir/expected-stderr.txt"
  [ "$code" = 0 ] || echo "$code" > "$dir/expected-exit"
  for f in "$work"/*; do
    case $(basename "$f") in stdout|stderr) ;; *) cp "$f" "$dir/expected-$(basename "$f")" ;; esac
  done
  rm -rf "$work"
  echo "$name: exit $code"
done
