#!/usr/bin/env bash
# How time falls with tasks: the Slurm pipeline on a single-node cluster
# started here (root, slurm-wlm, munge), over CHUNKS generated chunks of
# BYTES each, against one machine's `flowclean clean --learn` and `cat` of
# the same chunks, all in one run on a warm page cache. Prints wall seconds,
# the ratio to `cat`, and each step's time as Slurm recorded it.
#
# Usage: bench/slurm.sh [CHUNKS] [BYTES]      (default 8 chunks of 125000000)
# Env:   BUILD=build/release, BENCH_DIR=/tmp
set -euo pipefail
chunks=${1:-8}
bytes=${2:-125000000}
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${BUILD:-$here/build/release}")
dir=${BENCH_DIR:-/tmp}/flowclean-slurm-bench
# shellcheck source-path=SCRIPTDIR source=../tests/slurm/cluster.sh
source "$here/tests/slurm/cluster.sh"
rm -rf "$dir" && mkdir -p "$dir/cluster" "$dir/chunks"
trap 'cluster_stop "$dir/cluster"' EXIT
cluster_start "$dir/cluster"
cd "$dir"
for i in $(seq "$chunks"); do
  "$build/flowgen" --bytes "$bytes" --seed "$i" > "chunks/c$i.csv"
done
cat chunks/*.csv > /dev/null  # warm the page cache

seconds() { local start=$EPOCHREALTIME; "$@" > /dev/null 2>&1; echo "$EPOCHREALTIME - $start" | bc; }
cat_s=$(seconds bash -c 'cat chunks/*.csv > /dev/null')
printf '%-44s %8s %8s\n' "$(nproc) cores, $chunks chunks of $bytes bytes" seconds "x cat"
row() { printf '%-44s %8.2f %8.1f\n' "$1" "$2" "$(echo "$2 / $cat_s" | bc -l)"; }
row "cat chunks/*.csv" "$cat_s"
row "flowclean clean --learn --out-dir (1 process)" \
  "$(seconds "$build/flowclean" clean -q --learn --out-dir one chunks/*.csv)"
for tasks in 1 2; do
  rm -rf "work$tasks"
  row "flowclean-slurm, $tasks task(s) at once, -c 1" \
    "$(seconds "$here/scripts/flowclean-slurm" --flowclean "$build/flowclean" --work "work$tasks" \
        --max-tasks "$tasks" --wait chunks/*.csv -- --cpus-per-task=1)"
done
for i in $(seq "$chunks"); do cmp "work2/clean/c$i.csv" "one/c$i.csv"; done
echo "(cleaned chunks equal the one-process run's)"

# Each step as Slurm recorded it: first start to last end, whole seconds.
echo "steps of the 2-task run (Slurm's StartTime..EndTime, 1 s resolution):"
while IFS='=' read -r step job; do
  [ -n "$job" ] || continue
  scontrol -o show job "$job" | awk -v step="$step" '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
      cmd = "date -d " f["StartTime"] " +%s"; cmd | getline s; close(cmd)
      cmd = "date -d " f["EndTime"] " +%s"; cmd | getline e; close(cmd)
      if (min == "" || s < min) min = s; if (e > max) max = e; n++ }
    END { printf "  %-8s %3d task(s) %4d s\n", step, n, max - min }'
done < work2/jobs
