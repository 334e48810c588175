#!/usr/bin/env bash
# Summaries: combine adds only summaries it can add honestly. A chunk named
# twice under any spelling, a mix of learned and default rules, a summary
# that does not agree with itself are refused; the tool's own summary of a
# run that read one file twice is not. Usage: summaries.sh FLOWCLEAN DATA_DIR
FC=$1 data=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
mkdir -p data
cp "$data"/nf-sample-chunk1.csv "$data"/nf-sample-chunk2.csv data/

"$FC" clean -q --summary-json twice.json data/nf-sample-chunk1.csv data/nf-sample-chunk1.csv > /dev/null
expect_exit "a summary of a run that read one file twice is combined" 0 \
  "$FC" combine -q twice.json
check "... counting both reads" grep -q '"rows_read": 2000,' out.txt

"$FC" clean -q --summary-json a.json data/nf-sample-chunk1.csv > /dev/null
"$FC" clean -q --summary-json b.json ./data/../data/nf-sample-chunk1.csv > /dev/null
"$FC" clean -q --summary-json c.json "$work/data/nf-sample-chunk1.csv" > /dev/null
expect_exit "one chunk under another spelling is refused" 1 "$FC" combine -q a.json b.json
check "... naming both summaries" said "b.json: input ./data/../data/nf-sample-chunk1.csv is also in a.json"
expect_exit "one chunk by its absolute path is refused" 1 "$FC" combine -q a.json c.json

"$FC" clean -q --learn --summary-json learned.json data/nf-sample-chunk2.csv > /dev/null
expect_exit "learned and default-rule summaries are not mixed" 1 \
  "$FC" combine -q a.json learned.json
check "... saying which is which" said "learned.json: cleaned with learned rules .* but a.json with the default rules"

sed 's/"rows_flipped": \([0-9]*\),/"rows_flipped": 1\1,/' a.json > edited.json
expect_exit "a summary that does not agree with itself is refused" 1 \
  "$FC" combine -q edited.json
check "... saying what does not add up" said "edited.json: .*is not rows_flipped \(159\)"
sed 's/"flips_by_src_port": {"/"flips_by_src_port": {"080": 0, "/' a.json > padded.json
expect_exit "a port key spelled '080' is refused, not merged into 80" 1 \
  "$FC" combine -q padded.json

"$FC" clean -q --summary-json d.json data/nf-sample-chunk2.csv > /dev/null
expect_exit "summaries of two chunks combine" 0 "$FC" combine -q a.json d.json
check "... to their sum" grep -q '"rows_read": 2000,' out.txt
finish
