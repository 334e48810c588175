#!/usr/bin/env bash
# Outputs: no output replaces an input or another output of the same run;
# they are checked before anything is written, commit together, follow
# links and keep the mode of what they replace. Usage: outputs.sh FLOWCLEAN DATA_DIR
FC=$1 data=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
cp "$data/nf-sample-chunk1.csv" C1.csv
cp "$data/nf-sample-chunk2.csv" C2.csv
md5sum C1.csv C2.csv > inputs.md5
inputs_intact() { md5sum --quiet -c inputs.md5; }

expect_exit "--rejects and -o naming one file are refused" 2 \
  "$FC" clean -q --on-error skip --rejects o.csv -o o.csv C1.csv
check "... naming both options" said "^flowclean: error: -o o.csv and --rejects o.csv are the same file"
expect_exit "--summary-json and -o naming one file are refused" 2 \
  "$FC" clean -q --summary-json o.csv -o o.csv C1.csv
check "... and nothing was written" test ! -e o.csv
expect_exit "--summary-json naming an input is refused" 2 \
  "$FC" clean -q --summary-json C1.csv C1.csv C2.csv
check "... naming the input" said "^flowclean: error: --summary-json C1.csv is the input C1.csv"
expect_exit "--rejects naming an input is refused" 2 \
  "$FC" clean -q --on-error skip --rejects C2.csv C1.csv C2.csv
mkdir sub
expect_exit "-o naming an input by another spelling is refused" 2 \
  "$FC" clean -q -o ./sub/../C1.csv C1.csv
ln -s ../C1.csv sub/link.csv
expect_exit "-o naming an input through a link is refused" 2 \
  "$FC" clean -q -o sub/link.csv C1.csv
expect_exit "-o naming a model read by clean is refused" 2 \
  "$FC" clean -q --model C2.csv -o C2.csv C1.csv
expect_exit "learn -o and --model naming one file are refused" 2 \
  "$FC" learn -q -o X --model X C1.csv
expect_exit "learn --model naming its input is refused" 2 \
  "$FC" learn -q --model C1.csv C1.csv
"$FC" learn -q --model m.model C2.csv
"$FC" clean -q --summary-json s.json C2.csv > /dev/null
md5sum m.model s.json >> inputs.md5
expect_exit "learn --model naming a model it merges is refused" 2 \
  "$FC" learn -q --model m.model --merge m.model C1.csv
expect_exit "--out-dir holding the inputs is refused" 2 \
  "$FC" clean -q --out-dir . C1.csv
expect_exit "combine -o naming one of its summaries is refused" 2 \
  "$FC" combine -q -o s.json s.json
check "no input was touched" inputs_intact

expect_exit "/dev/null may take several outputs" 0 \
  "$FC" clean -q -o /dev/null --summary-json /dev/null C1.csv
mkdir folder
expect_exit "an output that is a folder is refused before the run" 2 \
  "$FC" clean -q -o folder C1.csv
check "... saying it is a folder" said "^flowclean: error: -o folder: is a folder"
expect_exit "-o '' is refused, not taken as stdout" 2 "$FC" clean -q -o '' C1.csv
check "... and nothing was written to stdout" test ! -s "$work/out.txt"
expect_exit "--summary-json '' is refused" 2 "$FC" clean -q --summary-json '' C1.csv
expect_exit "--service-ports '' is refused, not the default list" 2 \
  "$FC" clean -q --service-ports '' C1.csv

"$FC" clean -q C1.csv > expected.csv
ln -s target.csv through.csv
expect_exit "-o through a link writes the link's target" 0 "$FC" clean -q -o through.csv C1.csv
check "... the link is still a link" test -L through.csv
check "... and the target holds the output" cmp -s target.csv expected.csv

echo private > private.csv
chmod 600 private.csv
"$FC" clean -q -o private.csv C1.csv
check "a replaced output keeps its mode" test "$(stat -c %a private.csv)" = 600

if [ -w /dev/full ]; then
  echo "old output" > po.csv
  expect_exit "a summary that cannot be written fails the run" 1 \
    "$FC" clean -q -o po.csv --summary-json /dev/full C1.csv
  check "... before the other outputs were replaced" grep -qx "old output" po.csv
  check "... and leaves no temporary file" test "$(temp_files .)" = 0
fi
finish
