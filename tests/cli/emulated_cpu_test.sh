#!/usr/bin/env bash
# The dispatch on CPUs narrower than the one testing: the binary under
# qemu-x86_64 emulating a Haswell (AVX2, no AVX-512) and a Nehalem (SSE4.2,
# no AVX) picks the widest set each has, cleans the sample to the same
# bytes, and refuses a forced set the CPU lacks. Skipped (77) without
# qemu-x86_64 or off x86-64.
# Usage: emulated_cpu_test.sh FLOWCLEAN DATA_DIR
flowclean=$1 data=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/../promises/lib.sh"
if ! command -v qemu-x86_64 > /dev/null || [ "$(uname -m)" != x86_64 ]; then
  echo "skipped: needs qemu-x86_64 (Debian's qemu-user) on x86-64"
  exit 77
fi
# qemu warns about CPU features TCG lacks that flowclean never uses.
emulated() { qemu-x86_64 -cpu "$cpu" "$@" 2> >(grep -v '^qemu-x86_64: warning' >&2); }

for cpu_isa in Haswell:avx2 Nehalem:sse2; do
  cpu=${cpu_isa%:*} isa=${cpu_isa#*:}
  emulated "$flowclean" --version > "$work/version.txt"
  check "$cpu: the widest set it runs is $isa" \
    grep -q "^instruction set: $isa (.*the widest this CPU runs)" "$work/version.txt"
  emulated "$flowclean" clean -q "$data/nf-sample-chunk1.csv" > "$work/$cpu.csv"
  check "$cpu: the sample cleans to the expected bytes" \
    cmp -s "$data/expected/nf-sample-chunk1.csv" "$work/$cpu.csv"
  expect_exit "$cpu: forcing avx512 is a usage error" 2 \
    env FLOWCLEAN_FORCE_ISA=avx512 qemu-x86_64 -cpu "$cpu" "$flowclean" clean -q \
    -o "$work/never.csv" "$data/nf-sample-chunk1.csv"
  check "$cpu: the message names what it lacks and what it runs" \
    said "FLOWCLEAN_FORCE_ISA=avx512: this CPU lacks AVX-512 .*; it runs: $isa"
  check "$cpu: nothing is written" test ! -e "$work/never.csv"
done
finish
