#!/usr/bin/env bash
# flowclean-slurm on a real single-node Slurm cluster started here: the
# cluster's results equal one machine's byte for byte; a broken chunk fails
# the run visibly, cancels what depends on it and leaves no finished-looking
# output; the rerun after the fix redoes only what is missing.
# Needs root, slurm-wlm and munge: where the cluster cannot start, it says
# why and fails, never passes.
# Usage: pipeline_test.sh FLOWCLEAN FLOWGEN FLOWCLEAN_SLURM
set -uo pipefail
flowclean=$(realpath "$1") flowgen=$(realpath "$2") pipeline=$(realpath "$3")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
# shellcheck source-path=SCRIPTDIR source=cluster.sh
source "$here/cluster.sh"
trap 'cluster_stop "$tmp/cluster"; rm -rf "$tmp"' EXIT
failures=0 passed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}

mkdir -p "$tmp/cluster"
CLUSTER_MAX_ARRAY_SIZE=6  # so that six chunks are too many
if ! cluster_start "$tmp/cluster"; then
  echo "FAILED: the Slurm cluster did not start (see above); nothing was tested"
  exit 1
fi
echo "slurm cluster up: $(sinfo -h -o '%P %D node(s), %c CPUs, %t')"

cd "$tmp" || exit 1
mkdir chunks
# Names with a space, as analysts' folders have them.
for i in 1 2 3 4 5; do
  "$flowgen" --rows 30000 --seed "$i" > "chunks/day $i.csv"
done
run() { "$pipeline" --flowclean "$flowclean" "$@"; }

# One machine: the reference.
"$flowclean" clean -q --learn --out-dir single --summary-json single.json chunks/day*
"$flowclean" learn -q --model single.model chunks/day*

same_as_one_machine() {
  local work=$1 i
  cmp "$work/model" single.model && cmp "$work/summary.json" single.json || return 1
  for i in 1 2 3 4 5; do cmp "$work/clean/day $i.csv" "single/day $i.csv" || return 1; done
}

run --work ok --wait chunks/day* -- --time=10 > ok.out 2> ok.err
check "the pipeline over 5 chunks exits 0" test $? = 0
check "it prints the four job ids" grep -Eq '^combine [0-9]+$' ok.out
check "the cleaned chunks, model and summary equal one machine's" same_as_one_machine ok
check "the combined summary counts every row" grep -q '"rows_read": 150000,' ok/summary.json

# A broken chunk: row 700 of day3 has a port that is not a number.
cp -r chunks broken
sed -i '700s/^\(\([^,]*,\)\{7\}\)[0-9]*/\1http/' "broken/day 3.csv"
run --work bad --wait broken/day* > bad.out 2> bad.err
check "a broken chunk fails the pipeline" test $? = 1
learn_job=$(awk '$1 == "learn" { print $2 }' bad.out)
check "the message names the chunk, the job and the line" \
  grep -q "learn failed on chunk 3 (broken/day 3.csv): job ${learn_job}_3 FAILED: .*broken/day 3.csv:700" bad.err
check "the steps after it are cancelled" grep -q 'combine (job [0-9]*) was cancelled' bad.err
check "no cleaned chunk, model or summary is left" \
  test -z "$(ls bad/clean)" -a ! -e bad/model -a ! -e bad/summary.json
run --work bad --status > /dev/null 2>&1
check "--status of the failed run exits 1" test $? = 1

# The fix, and the rerun: only chunk 3 is learned again.
cp "chunks/day 3.csv" "broken/day 3.csv"
run --work bad --wait broken/day* > fixed.out 2> fixed.err
check "the rerun after the fix exits 0" test $? = 0
check "the rerun learns only the missing chunk" grep -q '^learn .* (1 of 5 chunks)$' fixed.out
sed -i 's#broken/#chunks/#' bad/summary.json  # the same rows under another folder name
check "the rerun's results equal one machine's" same_as_one_machine bad
run --work bad --wait broken/day* > again.out 2> again.err
check "a rerun of a finished run submits nothing" grep -q 'nothing to do' again.err
run --work bad --status > status.out 2> status.err
check "--status of a finished run exits 0" test $? = 0

# --on-error skip: the broken row is dropped and counted, as on one machine.
sed -i '700s/^\(\([^,]*,\)\{7\}\)[0-9]*/\1http/' "broken/day 3.csv"
"$flowclean" clean -q --learn --on-error skip --out-dir skip-single --summary-json skip-single.json \
  --rejects skip-single-rejects.csv broken/day*
run --work skip --on-error skip --wait broken/day* > skip.out 2> skip.err
check "--on-error skip: the pipeline exits 0" test $? = 0
check "--on-error skip: the summary, with the row rejected, equals one machine's" \
  cmp skip/summary.json skip-single.json
same_chunks() {
  local i
  for i in 1 2 3 4 5; do cmp -s "$1/day $i.csv" "$2/day $i.csv" || return 1; done
}
check "--on-error skip: the cleaned chunks equal one machine's" same_chunks skip/clean skip-single
check "--on-error skip: the rejected row is in chunk 3's rejects" \
  cmp <(tail -n +2 skip/rejects/3.csv) <(tail -n +2 skip-single-rejects.csv)
run --work skip --wait broken/day* > /dev/null 2> other.err
check "a work folder refuses another --on-error" grep -q 'another --out-dir, --on-error or format' other.err

# Chunks of a format without a header (UNSW-NB15) go through with --format,
# as on one machine.
mkdir unsw
for i in 1 2; do
  "$flowgen" --rows 20000 --seed "$i" --format unsw > "unsw/part $i.csv"
done
"$flowclean" clean -q --format unsw --learn --out-dir unsw-single --summary-json unsw-single.json unsw/part*
run --work unsw-run --format unsw --wait unsw/part* > /dev/null 2> unsw.err
check "--format unsw: the pipeline exits 0" test $? = 0
check "--format unsw: the summary and the cleaned chunks equal one machine's" \
  eval 'cmp unsw-run/summary.json unsw-single.json && cmp "unsw-run/clean/part 1.csv" "unsw-single/part 1.csv" && cmp "unsw-run/clean/part 2.csv" "unsw-single/part 2.csv"'

# The test cluster's MaxArraySize is 6: task ids 1-5.
cp "chunks/day 1.csv" "chunks/day 6.csv"
run --work toomany chunks/day* > /dev/null 2> toomany.err
check "more chunks than MaxArraySize allows are refused before submitting" \
  grep -q "6 chunks, but this cluster's MaxArraySize is 6" toomany.err
rm "chunks/day 6.csv"

run --work refused broken/day* -- --partition=no-such-partition > refused.out 2> refused.err
check "sbatch options pass through, and a refusal is an error" test $? = 1
check "the refusal names the step" grep -q 'sbatch refused the learn job' refused.err

echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
