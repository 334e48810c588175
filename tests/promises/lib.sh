# shellcheck shell=bash
# Shared by the promise tests: a scratch folder, check and expect_exit, and
# the closing line ctest and CI read. Source it with FLOWCLEAN set.
set -uo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 passed=0
check() {  # check NAME COMMAND...: the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}
# expect_exit NAME STATUS COMMAND...: the command must exit with STATUS;
# its stderr is left in $work/err.txt.
expect_exit() {
  local name=$1 want=$2; shift 2
  "$@" > "$work/out.txt" 2> "$work/err.txt"
  local got=$?
  if [ "$got" = "$want" ]; then passed=$((passed + 1)); else
    echo "FAILED: $name (exit $got, expected $want)"; sed 's/^/  stderr: /' "$work/err.txt"
    failures=$((failures + 1)); fi
}
# said PATTERN: the last expect_exit's stderr matches the extended regex.
said() { grep -Eq -- "$1" "$work/err.txt"; }
# temp_files [DIR]: how many of flowclean's temporary files are in DIR.
temp_files() {
  local n=0 f
  for f in "${1:-.}"/.*.flowclean-* "${1:-.}"/*.flowclean-*; do
    [ -e "$f" ] && n=$((n + 1))
  done
  echo "$n"
}
finish() {
  echo "$passed passed, $failures failed"
  [ "$failures" = 0 ]
}
