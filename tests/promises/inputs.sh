#!/usr/bin/env bash
# Inputs: an input that cannot be read twice is refused where it would be,
# inputs that share an output never glue rows together, one stray quote
# costs one row, and compressed files read as gzip and zstd read them.
# Usage: inputs.sh FLOWCLEAN FLOWGEN DATA_DIR
FC=$1 flowgen=$2 data=$3
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
cp "$data/nf-sample-chunk1.csv" C1.csv
cp "$data/nf-sample-chunk2.csv" C2.csv

expect_exit "clean --learn refuses a pipe" 2 "$FC" clean -q --learn <(cat C1.csv)
check "... saying it can be read only once" said "can be read only once"
check "... and writes no output" test ! -s out.txt
expect_exit "clean --learn refuses /dev/stdin" 2 "$FC" clean -q --learn /dev/stdin < /dev/null
expect_exit "stats refuses a pipe" 2 "$FC" stats <(cat C1.csv)
mkfifo fifo
expect_exit "clean --learn refuses a FIFO without waiting for a writer" 2 \
  timeout 10 "$FC" clean -q --learn fifo
expect_exit "a plain clean still reads a pipe" 0 "$FC" clean -q <(cat C1.csv)

head -c -1 C1.csv > unended.csv
"$FC" clean -q --summary-json glued.json unended.csv C2.csv > glued.csv
check "an input without a final newline keeps its last row apart" \
  test "$(awk -F, 'NF != 19' glued.csv | wc -l)" = 0
check "... every row arrives" test "$(wc -l < glued.csv)" = 2001
check "... as the summary says" grep -q '"rows_written": 2000' glued.json
head -n 1 C1.csv | head -c -1 > header-only.csv
"$FC" clean -q header-only.csv C2.csv > after-header.csv
check "a header-only input without a newline keeps the next rows apart" \
  test "$(wc -l < after-header.csv)" = 1001
"$FC" clean -q --on-error skip --rejects rejects.csv C2.csv > /dev/null
printf '%s\n' "$(head -n 1 C1.csv)" 'x,1' > bad-unended.csv
head -c -1 bad-unended.csv > bad.csv
printf '%s\n' "$(head -n 1 C1.csv)" 'y,2' > bad2.csv
"$FC" clean -q --on-error skip --rejects rejects.csv bad.csv bad2.csv > /dev/null
check "rejected rows of two inputs stay two lines" test "$(tail -n +2 rejects.csv)" = "$(printf 'x,1\ny,2')"

"$flowgen" --rows 21000 --seed 5 > quote.csv
sed -i '3s/,UDP,/,"UDP,/' quote.csv
for threads in 1 2; do
  "$FC" clean -q --threads "$threads" --on-error skip --rejects q-rejects.csv \
    --summary-json q.json quote.csv > q.csv
  check "one stray quote costs one row ($threads threads)" grep -q '"rows_rejected": 1,' q.json
  check "... the others are all read ($threads threads)" grep -q '"rows_read": 21000,' q.json
  check "... and it is rejected for its quoting" grep -q '"bad-quoting": 1' q.json
done
"$FC" clean -q --on-error skip - < quote.csv > q-pipe.csv
check "... the same through a pipe" cmp -s q.csv q-pipe.csv

"$FC" clean -q --annotate -o annotated.csv C1.csv
expect_exit "--annotate on annotated input is refused, not given the columns twice" 2 \
  "$FC" clean -q --annotate annotated.csv
check "... naming the column" said "annotated.csv: --annotate on input that has its flowcleanAction column"

"$FC" clean -q C1.csv > plain.csv
gzip -c C1.csv > padded.csv.gz
head -c 1024 /dev/zero >> padded.csv.gz
expect_exit "gzip with trailing zero padding is read, as zcat reads it" 0 \
  "$FC" clean -q padded.csv.gz
check "... to the same output" cmp -s out.txt plain.csv
(gzip -c C1.csv; printf 'garbage') > garbage.csv.gz
expect_exit "gzip with trailing garbage is an error" 1 "$FC" clean -q garbage.csv.gz
printf '\x50\x2a\x4d\x18\x04\x00\x00\x00meta' > skippable.csv.zst
zstd -q -c C1.csv >> skippable.csv.zst
expect_exit "zstd opening with a skippable frame is read as zstd" 0 \
  "$FC" clean -q skippable.csv.zst
check "... to the same output" cmp -s out.txt plain.csv
finish
