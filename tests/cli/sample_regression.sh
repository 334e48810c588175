#!/usr/bin/env bash
# The CI regression against sample chunks: data/ must be what the generator
# makes, and cleaning it must give data/expected/ byte for byte.
# Usage: sample_regression.sh FLOWCLEAN FLOWGEN DATA_DIR
set -euo pipefail
flowclean=$(realpath "$1") flowgen=$(realpath "$2") data=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0 passed=0
same() {
  if cmp -s "$1" "$2"; then passed=$((passed + 1)); else
    echo "FAILED: $2 differs from $1"; diff "$1" "$2" | head -20; failures=$((failures + 1)); fi
}
for i in 1 2 3; do
  "$flowgen" --rows 1000 --seed "$i" > "$work/nf-sample-chunk$i.csv"
  same "$data/nf-sample-chunk$i.csv" "$work/nf-sample-chunk$i.csv"
done
cd "$data"
mkdir -p "$work/out"
"$flowclean" clean --out-dir "$work/out" --summary-json "$work/out/summary.json" \
  nf-sample-chunk1.csv nf-sample-chunk2.csv nf-sample-chunk3.csv 2> "$work/out/summary.txt"
for f in nf-sample-chunk1.csv nf-sample-chunk2.csv nf-sample-chunk3.csv summary.json summary.txt; do
  same "$data/expected/$f" "$work/out/$f"
done
echo "$passed passed, $failures failed"
[ "$failures" = 0 ]
