#!/usr/bin/env bash
# README.md shows `flowclean clean --help` between two marker lines; the two
# must be equal, so the front door never drifts from the program.
# Usage: readme_help_test.sh FLOWCLEAN README
set -euo pipefail
expected=$(sed -n '/^<!-- BEGIN flowclean clean --help -->$/,/^<!-- END flowclean clean --help -->$/p' "$2" \
  | sed '1,2d;$d' | sed '$d')
actual=$("$1" clean --help)
if [ "$expected" != "$actual" ]; then
  echo "README.md's usage block differs from 'flowclean clean --help':"
  diff <(echo "$expected") <(echo "$actual") || true
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
