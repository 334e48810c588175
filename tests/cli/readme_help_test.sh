#!/usr/bin/env bash
# README.md shows `flowclean COMMAND --help` between marker lines
# "<!-- BEGIN flowclean COMMAND --help -->" and "<!-- END ... -->"; each must
# equal the program's own help, so the front door never drifts from it.
# flowclean-slurm's help is checked the same way.
# Usage: readme_help_test.sh FLOWCLEAN README FLOWCLEAN_SLURM
set -euo pipefail
passed=0 failed=0
for command in clean learn stats combine slurm; do
  name="flowclean $command"
  [ "$command" = slurm ] && name=flowclean-slurm
  expected=$(sed -n "/^<!-- BEGIN $name --help -->\$/,/^<!-- END $name --help -->\$/p" "$2" \
    | sed '1,2d;$d' | sed '$d')
  if [ "$command" = slurm ]; then actual=$(bash "$3" --help); else actual=$("$1" "$command" --help); fi
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "README.md's usage block for '$name' differs from '$name --help':"
    diff <(echo "$expected") <(echo "$actual") || true
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
