#!/usr/bin/env bash
# flowclean's throughput benchmark: one run, same file, warm page cache,
# each command timed ROUNDS times in alternation, best time kept. Prints
# seconds, GB/s, the ratio to `cat` of the same file (the limit: ratios carry
# across machines, seconds do not) and peak RSS, for clean, learn (writing
# its model to /dev/null), clean --model (text and binary model) and
# --learn, loading a model alone, and the peers.
#
# Usage: bench/run.sh [--isa NAME] [BYTES] [ROUNDS]
#        (default 2000000000 bytes, 3 rounds; --isa: FLOWCLEAN_FORCE_ISA, e.g.
#        avx2 on an AVX-512 machine; the header names the set that ran)
# Env:   BUILD=build/release (where flowclean and flowgen are), BENCH_DIR=/tmp,
#        KEEP_CACHE=1 (do not evict and re-read the file first; see below)
# Peers (mawk, gawk, perl) are timed when installed: apt-get install mawk gawk
set -euo pipefail
if [ "${1:-}" = --isa ]; then
  export FLOWCLEAN_FORCE_ISA=$2
  shift 2
fi
bytes=${1:-2000000000}
rounds=${2:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$here/build/release}
flowclean=$build/flowclean
flowgen=$build/flowgen
dir=${BENCH_DIR:-/tmp}
file=$dir/flowclean-bench-$bytes.csv
out=$dir/flowclean-bench-out.csv
if [ ! -x "$flowclean" ] || [ ! -x "$flowgen" ]; then
  echo "bench: build first: cmake --preset release && cmake --build --preset release" >&2
  exit 2
fi
command -v /usr/bin/time > /dev/null || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ ! -s "$file" ]; then
  echo "generating $file ($bytes bytes)..." >&2
  "$flowgen" --bytes "$bytes" --seed 2013 > "$file"
fi
size=$(stat -c %s "$file")
rows=$(($(wc -l < "$file") - 1))
model=$dir/flowclean-bench-$bytes.model
binary=$dir/flowclean-bench-$bytes.fcm
"$flowclean" learn -q --model "$model" --binary-model "$binary" "$file"
# Loading a model alone: clean of the header and one row with it.
two_rows=$dir/flowclean-bench-2-rows.csv
head -n 2 "$file" > "$two_rows"

# The rule, written the plain way in awk: the same decision as flowclean's
# default mode (TCP/UDP, no port 0, no group destination, service source,
# non-service ephemeral destination), so the peers do the same work.
# shellcheck disable=SC2016 # awk's own $ fields
awk_rule='BEGIN { FS = OFS = ","; split("20 21 25 53 80 123 137 138 389 1900 1984 3389 5355", p, " ");
  for (i in p) svc[p[i]] = 1 }
NR > 1 && ($4 == 6 || $4 == 17) && $8 != 0 && $9 != 0 && !($7 ~ /^(22[4-9]|23[0-9])\./) &&
  $7 != "255.255.255.255" && ($8 in svc) && !($9 in svc) && $9 > 1024 {
  t = $6; $6 = $7; $7 = t; t = $8; $8 = $9; $9 = t; t = $13; $13 = $14; $14 = t;
  t = $15; $15 = $16; $16 = t; t = $17; $17 = $18; $18 = t }
{ print }'
# The write-up's perl one-liner, as published (its "$F[8}" typo fixed).
# shellcheck disable=SC2016 # perl's own variables
perl_rule='BEGIN {@ports=(20,21,25,53,80,123,137,138,389,1900,1984,3389,5355);
%hash = map { $_ => 1 } @ports; $c=0} if ($hash{$F[7]} && $F[8]>1024)
{$c++; printf"%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s",
$F[0],$F[1],$F[2],$F[3],$F[4],$F[6],$F[5],$F[8],$F[7],$F[9],$F[10],$F[11],$F[13],$F[12],
$F[15],$F[14],$F[17],$F[16],$F[18]} else {print $_} END {print STDERR "count of revers $c\n";}'

names=() commands=()
add() { names+=("$1"); commands+=("$2"); }
add "cat" "cat '$file' > /dev/null"
add "flowclean clean" "'$flowclean' clean -q '$file' > /dev/null"
add "flowclean clean --threads 1" "'$flowclean' clean -q --threads 1 '$file' > /dev/null"
add "flowclean learn" "'$flowclean' learn -q --model /dev/null '$file'"
add "flowclean learn --threads 1" "'$flowclean' learn -q --threads 1 --model /dev/null '$file'"
# The learned modes: --model with the model learned from the same file
# (written once, before the rounds, as text and as binary; loading it is
# part of the time), --learn, which reads the file twice, and loading a
# model alone.
add "flowclean clean --model" "'$flowclean' clean -q --model '$model' '$file' > /dev/null"
add "flowclean clean --model binary" "'$flowclean' clean -q --model '$binary' '$file' > /dev/null"
add "load model (clean of 1 row)" "'$flowclean' clean -q --model '$model' '$two_rows' > /dev/null"
add "load binary model (1 row)" "'$flowclean' clean -q --model '$binary' '$two_rows' > /dev/null"
add "flowclean clean --learn" "'$flowclean' clean -q --learn '$file' > /dev/null"
command -v mawk > /dev/null && add "mawk (same rule)" "mawk '$awk_rule' '$file' > /dev/null"
command -v gawk > /dev/null && add "gawk (same rule)" "gawk '$awk_rule' '$file' > /dev/null"
command -v perl > /dev/null && add "perl one-liner (write-up)" "perl -F, -ane '$perl_rule' '$file' > /dev/null 2>&1"
add "cat > file" "cat '$file' > '$out'"
add "flowclean clean -o file" "'$flowclean' clean -q -o '$out' '$file'"
add "flowclean --threads 1 -o file" "'$flowclean' clean -q --threads 1 -o '$out' '$file'"

# A file just written sits in the page cache in 4 KiB pages; read back from
# disk it sits in large folios, which read() copies out twice as fast (2 GB
# with cat: 0.25 s against 0.12 s on the CI machine) and flowclean maps
# instead of copying (src/mapped_file.cc). Evicted and read back,
# the file is in the state data read from disk is in, whatever its history.
# KEEP_CACHE=1 measures the file as it is.
[ -n "${KEEP_CACHE:-}" ] || dd if="$file" iflag=nocache count=0 status=none
cat "$file" > /dev/null; cat "$file" > /dev/null  # warm the page cache
declare -A best rss
for ((round = 1; round <= rounds; round++)); do
  for i in "${!names[@]}"; do
    # Dirty pages of the previous file write would throttle this one. Each
    # writes a new file: over an existing one, ext4 writes the new data to
    # disk before a rename (flowclean -o) or after a truncation (cat >)
    # replaces it (auto_da_alloc), which would time the disk.
    if [[ "${names[$i]}" == *file* ]]; then rm -f "$out"; sync; fi
    # bash's `time` for milliseconds; /usr/bin/time inside it for peak RSS.
    seconds=$( { TIMEFORMAT=%R; time /usr/bin/time -f %M -o "$dir/flowclean-bench-rss" \
      bash -c "${commands[$i]}" > /dev/null; } 2>&1 | tail -n 1)
    kb=$(tail -n 1 "$dir/flowclean-bench-rss")
    name=${names[$i]}
    if [ -z "${best[$name]:-}" ] || awk -v a="$seconds" -v b="${best[$name]}" 'BEGIN { exit !(a < b) }'; then
      best[$name]=$seconds
    fi
    rss[$name]=$kb
  done
done
rm -f "$out" "$dir/flowclean-bench-rss" "$model" "$binary" "$two_rows"

echo "flowclean benchmark: $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
"$flowclean" --version | sed -n 2p
cache="read back from disk"
[ -z "${KEEP_CACHE:-}" ] || cache="as it was (KEEP_CACHE=1)"
echo "file: $size bytes, $rows rows (bench/flowgen --seed 2013), warm page cache $cache, best of $rounds"
printf '\n| %-30s | %8s | %7s | %8s | %8s |\n' "command" "seconds" "GB/s" "x cat" "peak RSS"
printf '| %-30s | %8s | %7s | %8s | %8s |\n' "---" "---:" "---:" "---:" "---:"
for name in "${names[@]}"; do
  base=${best["cat"]}
  [[ "$name" == *file* ]] && base=${best["cat > file"]}
  awk -v n="$name" -v s="${best[$name]}" -v b="$base" -v size="$size" -v kb="${rss[$name]}" 'BEGIN {
    s0 = (s > 0 ? s : 0.01); b0 = (b > 0 ? b : 0.01);
    printf "| %-30s | %8.3f | %7.2f | %8.2f | %5d MB |\n", n, s, size / s0 / 1e9, s0 / b0, kb / 1024 }'
done
echo
echo "Ratios use cat of the same file in the same run: to /dev/null, or to a file for the file rows."
