#!/usr/bin/env bash
# Old build against new build, alternating in one run on the same file:
# each round times `cat`, then every command with the old and the new
# binary, in turn, so a slow minute of a noisy machine hits both. Prints the
# best and the median of each, and the ratio to `cat`.
#
# Usage: bench/ab.sh OLD_FLOWCLEAN NEW_FLOWCLEAN FILE [ROUNDS]  (default 9)
# The commands: clean with default threads, clean --threads 1, learn.
# The file is read once first, so it is timed from the page cache.
# FLOWCLEAN_FORCE_ISA reaches both binaries (those before 013d754 ignore it).
set -euo pipefail
old=$1 new=$2 file=$3 rounds=${4:-9}
declare -A times=()
commands=("clean" "clean --threads 1" "learn")
# seconds COMMAND...: wall seconds of one run, output to /dev/null.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }'
}
run_one() {  # run_one BINARY COMMAND
  local binary=$1 command=$2
  case $command in
    learn) seconds "$binary" learn -q --model /dev/null "$file" ;;
    *) # shellcheck disable=SC2086
       seconds "$binary" $command -q -o /dev/null "$file" ;;
  esac
}
cat "$file" > /dev/null
for _ in $(seq "$rounds"); do
  times[cat]+="$(seconds cat "$file") "
  for command in "${commands[@]}"; do
    times["old $command"]+="$(run_one "$old" "$command") "
    times["new $command"]+="$(run_one "$new" "$command") "
  done
done
stats() {  # best and median of the times of $1
  tr ' ' '\n' <<< "${times[$1]}" | grep . | sort -g |
    awk '{ v[NR] = $1 } END { printf "%.3f %.3f", v[1], v[int((NR + 1) / 2)] }'
}
read -r cat_best _ <<< "$(stats cat)"
echo "$(date -u +%Y-%m-%d), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
echo "old: $("$old" --version | sed -n 2p | grep . || echo 'instruction set: not reported (before 013d754)')"
echo "new: $("$new" --version | sed -n 2p)"
printf '%-28s %8s %8s %8s\n' command best median "x cat"
printf '%-28s %8.3f %8s %8.2f\n' cat "$cat_best" - 1
for command in "${commands[@]}"; do
  for build in old new; do
    read -r best median <<< "$(stats "$build $command")"
    printf '%-28s %8.3f %8.3f %8.2f\n' "$build $command" "$best" "$median" \
      "$(awk -v a="$best" -v b="$cat_best" 'BEGIN { print a / b }')"
  done
done
