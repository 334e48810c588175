#!/usr/bin/env bash
# Every built-in format's speed against the VAST layout's: the same flows
# (flowgen --seed 2013 --format NAME, BYTES of each), each file read back
# from disk into the page cache, and in each round `cat` and `clean` of every
# file in turn, so a slow minute of a noisy machine hits all alike. Prints
# the best of ROUNDS: seconds, the ratio to `cat` of the same file, and the
# time per byte against the VAST file's (the issue's bound: within 2x).
#
# Usage: bench/formats.sh [BYTES] [ROUNDS]   (default 1000000000, 5)
# Env:   BUILD=build/release, BENCH_DIR=/tmp; FLOWCLEAN_FORCE_ISA is passed on.
set -euo pipefail
bytes=${1:-1000000000}
rounds=${2:-5}
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build/release}
dir=${BENCH_DIR:-/tmp}
formats=(vast zeek zeek-json argus nfdump unsw cic silk)
if [ ! -x "$build/flowclean" ] || [ ! -x "$build/flowgen" ]; then
  echo "bench: build first: cmake --preset release && cmake --build --preset release" >&2
  exit 2
fi
seconds() {  # seconds COMMAND...: wall seconds of one run, output discarded
  local start end
  start=$(date +%s.%N)
  "$@" > /dev/null
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }'
}
declare -A file best_cat best_clean
for format in "${formats[@]}"; do
  file[$format]=$dir/flowclean-bench-$format-$bytes
  if [ ! -s "${file[$format]}" ]; then
    echo "generating ${file[$format]}..." >&2
    "$build/flowgen" --bytes "$bytes" --seed 2013 --format "$format" > "${file[$format]}"
  fi
  # Evicted and read back: the state of data read from disk (bench/run.sh).
  dd if="${file[$format]}" iflag=nocache count=0 status=none
  cat "${file[$format]}" > /dev/null
done
keep() {  # keep ARRAY KEY SECONDS: the smaller
  local -n array=$1
  if [ -z "${array[$2]:-}" ] || awk -v a="$3" -v b="${array[$2]}" 'BEGIN { exit !(a < b) }'; then
    array[$2]=$3
  fi
}
for ((round = 1; round <= rounds; round++)); do
  for format in "${formats[@]}"; do
    asked=()
    [ "$format" = unsw ] && asked=(--format unsw)
    keep best_cat "$format" "$(seconds cat "${file[$format]}")"
    keep best_clean "$format" "$(seconds "$build/flowclean" clean -q "${asked[@]}" "${file[$format]}")"
  done
done
echo "flowclean formats benchmark: $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
"$build/flowclean" --version | sed -n 2p
echo "files: $bytes bytes each, flowgen --seed 2013, read back from disk into the page cache, best of $rounds"
printf '\n| %-7s | %9s | %8s | %8s | %8s | %12s |\n' format rows "cat s" "clean s" "x cat" "ns/byte vs vast"
printf '| %-7s | %9s | %8s | %8s | %8s | %12s |\n' --- ---: ---: ---: ---: ---:
vast_per_byte=$(awk -v s="${best_clean[vast]}" -v n="$(stat -c %s "${file[vast]}")" 'BEGIN { print s / n }')
for format in "${formats[@]}"; do
  size=$(stat -c %s "${file[$format]}")
  rows=$(grep -vc '^#' "${file[$format]}" || true)
  awk -v f="$format" -v r="$rows" -v c="${best_cat[$format]}" -v s="${best_clean[$format]}" \
      -v n="$size" -v v="$vast_per_byte" 'BEGIN {
    printf "| %-7s | %9d | %8.3f | %8.3f | %8.2f | %12.2f |\n", f, r, c, s, s / c, s / n / v }'
done
