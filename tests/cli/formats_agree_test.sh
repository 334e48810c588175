#!/usr/bin/env bash
# The same flows written in every built-in format (flowgen --format) get the
# same decisions: the same rows per rule, the same flips, the same learned
# model where the format has payload columns; and a second clean changes
# nothing.
# Usage: formats_agree_test.sh FLOWCLEAN FLOWGEN
flowclean=$1 flowgen=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/../promises/lib.sh"

decisions() {  # decisions SUMMARY_JSON: the lines that say what was decided
  grep -E '^  "(rows_read|rows_flipped|rules)"' "$1"
}
"$flowgen" --rows 30000 --seed 21 > "$work/flows.vast"
"$flowclean" clean -q --summary-json "$work/vast.json" -o /dev/null "$work/flows.vast"
"$flowclean" learn -q -o "$work/vast.model" "$work/flows.vast"
for format in zeek zeek-json argus nfdump unsw cic cic-ids2017 silk; do
  asked=()
  [ "$format" = unsw ] && asked=(--format unsw)
  "$flowgen" --rows 30000 --seed 21 --format "$format" > "$work/flows.$format"
  expect_exit "$format: cleans" 0 "$flowclean" clean -q "${asked[@]}" \
    --summary-json "$work/$format.json" -o "$work/clean.$format" "$work/flows.$format"
  check "$format: the decisions of the VAST layout" \
    cmp -s <(decisions "$work/vast.json") <(decisions "$work/$format.json")
  "$flowclean" clean -q "${asked[@]}" "$work/clean.$format" > "$work/twice.$format"
  check "$format: cleaning twice changes nothing" cmp -s "$work/clean.$format" "$work/twice.$format"
done
# Zeek (TSV and JSON lines) and CICFlowMeter (both spellings) have payload columns: they learn as VAST does.
for format in zeek zeek-json cic cic-ids2017; do
  "$flowclean" learn -q -o "$work/$format.model" "$work/flows.$format"
  check "$format: the model learned from the VAST layout" cmp -s "$work/vast.model" "$work/$format.model"
done
finish
