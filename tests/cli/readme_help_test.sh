#!/usr/bin/env bash
# The docs show `flowclean COMMAND --help` between marker lines
# "<!-- BEGIN flowclean COMMAND --help -->" and "<!-- END ... -->" (in
# doc/usage.md; flowclean-slurm's in doc/cluster.md); each must equal the
# program's own help, so the documentation never drifts from it.
# Usage: readme_help_test.sh FLOWCLEAN SOURCE_DIR FLOWCLEAN_SLURM
set -euo pipefail
passed=0 failed=0
for command in main clean learn stats combine report slurm; do
  name="flowclean $command"
  [ "$command" = slurm ] && name=flowclean-slurm
  [ "$command" = main ] && name=flowclean
  expected=$(cat "$2/README.md" "$2"/doc/*.md |
    sed -n "/^<!-- BEGIN $name --help -->\$/,/^<!-- END $name --help -->\$/p" \
    | sed '1,2d;$d' | sed '$d')
  case $command in
    slurm) actual=$(bash "$3" --help) ;;
    main) actual=$("$1" --help) ;;
    *) actual=$("$1" "$command" --help) ;;
  esac
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    echo "The documented usage block for '$name' differs from '$name --help':"
    diff <(echo "$expected") <(echo "$actual") || true
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
