#!/usr/bin/env bash
# The report of chunks cleaned one by one and combined is the report of one
# run over them, byte for byte, with and without a model; a summary from
# before the port tables still draws, and says what it lacks; the report
# never replaces an input.
# Usage: combine_test.sh FLOWCLEAN DATA_DIR
set -euo pipefail
flowclean=$(realpath "$1")
cd "$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }
chunks=(nf-sample-chunk1.csv nf-sample-chunk2.csv nf-sample-chunk3.csv)

"$flowclean" learn -q --model "$work/sample.model" "${chunks[@]}"
for model in "" "$work/sample.model"; do
  with=(); [ -n "$model" ] && with=(--model "$model")
  "$flowclean" clean -q "${with[@]}" --report "$work/one.html" -o /dev/null "${chunks[@]}"
  summaries=()
  for chunk in "${chunks[@]}"; do
    "$flowclean" clean -q "${with[@]}" --summary-json "$work/$chunk.json" -o /dev/null "$chunk"
    summaries+=("$work/$chunk.json")
  done
  "$flowclean" report "${with[@]}" -o "$work/combined.html" "${summaries[@]}"
  cmp -s "$work/one.html" "$work/combined.html" ||
    fail "combined report differs from one run's (model: ${model:-none})"
  if [ -n "$model" ]; then
    grep -q 'id="learned-services"' "$work/one.html" || fail "no learned services with --model"
  fi
done

# A summary written before the port tables: drawn, with a note instead.
sed '/^  "ports": {/,/^  },$/d; /^  "first_malformed"/d' \
  "$work/nf-sample-chunk1.csv.json" > "$work/old.json"
grep -q '"ports"' "$work/old.json" && fail "test setup: ports left in old.json"
"$flowclean" report -o "$work/old.html" "$work/old.json"
grep -q 'The summary has no port tables' "$work/old.html" || fail "no note for a summary without ports"

# -o naming an input is refused before anything is written.
cp "$work/old.json" "$work/keep.json"
if "$flowclean" report -o "$work/keep.json" "$work/keep.json" 2> "$work/err"; then
  fail "report replaced its input"
fi
cmp -s "$work/old.json" "$work/keep.json" || fail "the input was changed"
grep -q 'keep.json' "$work/err" || fail "the refusal does not name the file: $(cat "$work/err")"

[ "$failures" = 0 ] && echo "report: combined equals one run"
[ "$failures" = 0 ]
