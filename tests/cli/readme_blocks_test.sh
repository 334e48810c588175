#!/usr/bin/env bash
# Runs the usage blocks of README.md and doc/*.md as they stand: each fenced
# block right after a "<!-- readme-test: NAME -->" line, in a scratch folder holding
# copies of the sample chunks, with the built flowclean first on PATH.
# Usage: readme_blocks_test.sh FLOWCLEAN SOURCE_DIR
set -uo pipefail
flowclean=$(realpath "$1") source=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$flowclean" "$work/bin/flowclean"
export PATH="$work/bin:$PATH"
failures=0 passed=0
check() {
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name"; failures=$((failures + 1)); fi
}

block() {  # block NAME: the fenced block after the marker
  awk -v marker="<!-- readme-test: $1 -->" '
    $0 == marker { found = 1; next }
    found && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$source/README.md" "$source"/doc/*.md
}

scratch() {  # a fresh folder with the chunks under the names the blocks use
  local dir="$work/$1"
  mkdir -p "$dir/raw" "$dir/data"
  for i in 1 2 3; do
    cp "$source/data/nf-sample-chunk$i.csv" "$dir/nf-chunk$i.csv"
    cp "$source/data/nf-sample-chunk$i.csv" "$dir/raw/nf-chunk$i.csv"
  done
  cp -r "$source/data/." "$dir/data/"
  echo "$dir"
}

for name in one-liner makefile ci-regression xargs parallel compressed learn parallel-learn; do
  check "README has the block '$name'" test -n "$(block "$name")"
done

dir=$(scratch one-liner)
(cd "$dir" && bash -euo pipefail -c "$(block one-liner)") 2> /dev/null
check "one-liner: one header, every row" test "$(wc -l < "$dir/nf-clean.csv")" = 3001

dir=$(scratch makefile)
block makefile > "$dir/Makefile"
(cd "$dir" && make -s all) > /dev/null
for i in 1 2 3; do
  check "makefile: chunk $i cleaned" cmp -s "$dir/clean/nf-chunk$i.csv" "$source/data/expected/nf-sample-chunk$i.csv"
done
(cd "$dir" && make all) > "$dir/again.txt"
check "makefile: nothing to redo the second time" bash -c "! grep -q flowclean '$dir/again.txt'"

dir=$(scratch ci-regression)
(cd "$dir" && bash -euo pipefail -c "$(block ci-regression)")
check "ci-regression: the diff is empty" test $? -eq 0

dir=$(scratch compressed)
for i in 1 2 3; do gzip "$dir/nf-chunk$i.csv"; done
(cd "$dir" && bash -euo pipefail -c "$(block compressed)") 2> /dev/null
flowclean clean -q "$source"/data/nf-sample-chunk{1,2,3}.csv > "$dir/expected.csv"
check "compressed: .gz in, .zst out, the same bytes as plain" \
  bash -c "zstd -q -dc '$dir/nf-clean.csv.zst' | cmp -s - '$dir/expected.csv'"

dir=$(scratch learn)
(cd "$dir" && bash -euo pipefail -c "$(block learn)") 2> /dev/null
check "learn: the port list starts with port 80" \
  bash -c "grep -v '^#' '$dir/ports.txt' | head -n 1 | grep -q '^80 '"
check "learn: the port list is a valid --service-ports-file" \
  bash -c "flowclean clean -q --service-ports-file '$dir/ports.txt' '$dir/nf-chunk1.csv' > /dev/null"
check "learn: --model and --learn give the same rows" \
  bash -c "cd '$dir' && diff <(tail -q -n +2 clean/nf-chunk{1,2,3}.csv) <(tail -n +2 nf-clean.csv)"

if command -v parallel > /dev/null; then
  dir=$(scratch parallel-learn)
  (cd "$dir" && bash -euo pipefail -c "$(block parallel-learn)") > /dev/null 2>&1
  (cd "$dir" && flowclean learn -q --model all.model raw/nf-chunk*.csv &&
    flowclean clean -q --learn --out-dir one-run --summary-json one-run.json raw/nf-chunk*.csv)
  check "parallel-learn: merged model equals one pass" cmp -s "$dir/week.model" "$dir/all.model"
  check "parallel-learn: combined summary equals one run's" cmp -s "$dir/week-summary.json" "$dir/one-run.json"
  for i in 1 2 3; do
    check "parallel-learn: chunk $i equals clean --learn" cmp -s "$dir/clean/nf-chunk$i.csv" "$dir/one-run/nf-chunk$i.csv"
  done
fi

dir=$(scratch formats)
real=$source/tests/formats/real
cp "$real/zeek-conn-zat-2013.log" "$dir/conn.log"
cp "$real/zeek-conn-json-slips-test9-head300.log" "$dir/conn.json"
cp "$real/argus-binetflow-slips-test5-tab.binetflow.tsv" "$dir/flows.binetflow"
cp "$real/nfdump-csv-slips-test1-biflow-b-head400.csv" "$dir/nfdump.csv"
cp "$real/cic-LatriaKure-sample-1row.csv" "$dir/cic.csv"
cp "$real/silk-rwcut-thm-aoc2023-day17.txt" "$dir/rwcut.txt"
cp "$real/unsw-nb15-raw-abc1258-UNSW-NB15_1-rows300.csv" "$dir/UNSW-NB15_1.csv"
(cd "$dir" && bash -euo pipefail -c "$(block formats)") 2> /dev/null
for pair in conn.log:conn-clean.log conn.json:conn-clean.json flows.binetflow:flows-clean.binetflow \
  nfdump.csv:nfdump-clean.csv cic.csv:cic-clean.csv UNSW-NB15_1.csv:unsw-clean.csv \
  rwcut.txt:rwcut-marked.txt; do
  check "formats: ${pair%%:*} cleaned, every line out" \
    test "$(wc -l < "$dir/${pair%%:*}")" = "$(wc -l < "$dir/${pair##*:}" 2> /dev/null)"
done
check "formats: a described format cleans as the built-in one" \
  cmp -s "$dir/nf-clean1.csv" "$source/data/expected/nf-sample-chunk1.csv"

for name in xargs parallel; do
  if [ "$name" = parallel ] && ! command -v parallel > /dev/null; then
    echo "FAILED: GNU parallel is not installed (apt-get install parallel)"
    failures=$((failures + 1))
    continue
  fi
  dir=$(scratch "$name")
  (cd "$dir" && bash -euo pipefail -c "$(block "$name")") > /dev/null 2>&1
  for i in 1 2 3; do
    check "$name: chunk $i cleaned" cmp -s "$dir/clean/nf-chunk$i.csv" "$source/data/expected/nf-sample-chunk$i.csv"
  done
done
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
