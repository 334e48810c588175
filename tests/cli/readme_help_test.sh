#!/usr/bin/env bash
# README.md shows `flowclean COMMAND --help` between marker lines
# "<!-- BEGIN flowclean COMMAND --help -->" and "<!-- END ... -->"; each must
# equal the program's own help, so the front door never drifts from it.
# Usage: readme_help_test.sh FLOWCLEAN README
set -euo pipefail
passed=0 failed=0
for command in clean learn stats combine; do
  expected=$(sed -n "/^<!-- BEGIN flowclean $command --help -->\$/,/^<!-- END flowclean $command --help -->\$/p" "$2" \
    | sed '1,2d;$d' | sed '$d')
  actual=$("$1" "$command" --help)
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "README.md's usage block for '$command' differs from 'flowclean $command --help':"
    diff <(echo "$expected") <(echo "$actual") || true
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
