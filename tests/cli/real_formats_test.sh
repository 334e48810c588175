#!/usr/bin/env bash
# Real files in each built-in format (tests/formats/real/): the format is
# found from the header, no row is rejected or lost, forcing the format
# gives the same bytes, and cleaning twice changes nothing.
# Usage: real_formats_test.sh FLOWCLEAN SOURCE_DIR
flowclean=$1 source=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/../promises/lib.sh"

for file in "$source"/tests/formats/real/*.csv; do
  name=$(basename "$file")
  format=${name%%-*}
  expect_exit "$name: cleans with its format found" 0 \
    "$flowclean" clean --summary-json "$work/s.json" -o "$work/once.csv" "$file"
  check "$name: every row read is written" \
    grep -q '"rows_rejected": 0,' "$work/s.json"
  check "$name: as many lines out as in" test "$(wc -l < "$file")" = "$(wc -l < "$work/once.csv")"
  "$flowclean" clean -q --format "$format" "$file" > "$work/forced.csv"
  check "$name: --format $format gives the same bytes" cmp -s "$work/once.csv" "$work/forced.csv"
  "$flowclean" clean -q "$work/once.csv" > "$work/twice.csv"
  check "$name: cleaning twice changes nothing" cmp -s "$work/once.csv" "$work/twice.csv"
done
finish
