#!/usr/bin/env bash
# Real files in each built-in format (tests/formats/real/): the format is
# found from the header (UNSW-NB15 has none: asked for), no row is rejected
# or lost, lines that are not rows are kept byte for byte, forcing the
# format gives the same bytes, and cleaning twice changes nothing.
# Usage: real_formats_test.sh FLOWCLEAN SOURCE_DIR
flowclean=$1 source=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/../promises/lib.sh"

for file in "$source"/tests/formats/real/*-*; do
  name=$(basename "$file")
  format=${name%%-*}
  # UNSW-NB15's raw files have no header line: asked for by name.
  asked=()
  [ "$format" = unsw ] && asked=(--format unsw)
  expect_exit "$name: cleans with its format found" 0 \
    "$flowclean" clean "${asked[@]}" --summary-json "$work/s.json" -o "$work/once" "$file"
  check "$name: every row read is written" \
    grep -q '"rows_rejected": 0,' "$work/s.json"
  check "$name: as many lines out as in" test "$(wc -l < "$file")" = "$(wc -l < "$work/once")"
  "$flowclean" clean -q --format "$format" "$file" > "$work/forced"
  check "$name: --format $format gives the same bytes" cmp -s "$work/once" "$work/forced"
  "$flowclean" clean -q "${asked[@]}" "$work/once" > "$work/twice"
  check "$name: cleaning twice changes nothing" cmp -s "$work/once" "$work/twice"
  # Lines that are not rows come out byte for byte: Zeek's '#' lines (one
  # file's first has a TAB before it), nfdump's Summary block.
  kept='^[[:blank:]]*#|^Summary$|^flows,bytes,packets|^[0-9]+,[0-9]+,[0-9]+,[0-9]+,[0-9]+,[0-9]+$'
  check "$name: its comment and trailer lines are kept byte for byte" \
    cmp -s <(grep -E "$kept" "$file") <(grep -E "$kept" "$work/once")
  if [ "$format" = silk ]; then
    # One direction a row: no byte moves; each row gains its mark only.
    # shellcheck disable=SC2016 # awk's own $0
    check "$name: every row as it was, the marks after it" \
      awk 'NR == FNR { line[FNR] = $0; next }
           substr($0, 1, length(line[FNR])) != line[FNR] { bad = 1 }
           END { exit bad }' "$file" "$work/once"
    tail -n +2 "$work/once" | grep -Ev '[|](reply|kept)[|][a-z-]+[|]$' > "$work/unmarked"
    check "$name: every row marked reply or kept" test ! -s "$work/unmarked"
    check "$name: the summary counts the rows marked reply" \
      grep -q "\"rows_marked\": $(grep -c '|reply|' "$work/once")," "$work/s.json"
  fi
done
# nfdump's own direction guess (-B) on the same records as -b: learned,
# flowclean turns the same records round, byte for byte as nfdump does
# (doc/formats.md; on all 2,398 records it differs on 2, SSH replies).
real=$source/tests/formats/real
"$flowclean" clean -q --learn "$real/nfdump-csv-slips-test1-biflow-b-head400.csv" > "$work/learned-b.csv"
check "nfdump -b cleaned --learn is nfdump's -B, byte for byte" \
  cmp -s "$work/learned-b.csv" "$real/nfdump-csv-slips-test1-biflow-B-head400.csv"

# Two Zeek logs joined: with --annotate both #fields lines name the two
# columns, and each #types line types them.
zeek=$source/tests/formats/real/zeek-conn-zat-2013.log
cat "$zeek" "$zeek" > "$work/joined.log"
"$flowclean" clean -q --annotate "$work/joined.log" > "$work/joined-annotated.log"
check "joined Zeek logs: both #fields lines name flowcleanAction" \
  test "$(grep -c '^#fields.*flowcleanAction' "$work/joined-annotated.log")" = 2
check "joined Zeek logs: #types as long as #fields" \
  test "$(grep '^#types' "$work/joined-annotated.log" | awk -F'\t' '{ print NF }' | sort -u)" = \
       "$(grep '^#fields' "$work/joined-annotated.log" | awk -F'\t' '{ print NF }' | sort -u)"

# Argus with SrcPkts learns from an estimate of each side's payload: the
# services of its capture (HTTPS, DNS) come first.
"$flowclean" learn -q -o "$work/argus.model" "$source/tests/formats/real/argus-binetflow-slips-test2-head1000.binetflow.csv"
check "argus: learn finds 443 and 53 first" \
  test "$(grep -v '^#' "$work/argus.model" | head -n 2 | cut -d' ' -f1 | tr '\n' ' ')" = "443 53 "

# A file smaller than the first read: its Summary lies in the one block
# (it was lost there once), read at offsets and from a pipe.
nfdump=$source/tests/formats/real/nfdump-csv-slips-test1-head400.csv
{ head -n 21 "$nfdump"; tail -n 3 "$nfdump"; } > "$work/small-nfdump.csv"
"$flowclean" clean -q "$work/small-nfdump.csv" > "$work/small-out.csv"
check "a small nfdump file keeps its Summary" cmp -s <(tail -n 3 "$nfdump") <(tail -n 3 "$work/small-out.csv")
"$flowclean" clean -q < "$work/small-nfdump.csv" > "$work/small-piped.csv"
check "read from a pipe, the same bytes" cmp -s "$work/small-out.csv" "$work/small-piped.csv"

# Inputs of different formats in one run, each to its own output.
mkdir -p "$work/in"
cp "$source/data/nf-sample-chunk1.csv" "$source"/tests/formats/real/argus-binetflow-slips-test4.binetflow.csv "$work/in/"
expect_exit "a VAST and an Argus input in one run with --out-dir" 0 \
  "$flowclean" clean -q --out-dir "$work/out" "$work/in/nf-sample-chunk1.csv" \
  "$work/in/argus-binetflow-slips-test4.binetflow.csv"
check "the VAST input comes out as it does alone" \
  cmp -s "$work/out/nf-sample-chunk1.csv" "$source/data/expected/nf-sample-chunk1.csv"
"$flowclean" clean -q "$work/in/argus-binetflow-slips-test4.binetflow.csv" > "$work/argus-alone.csv"
check "the Argus input comes out as it does alone" \
  cmp -s "$work/out/argus-binetflow-slips-test4.binetflow.csv" "$work/argus-alone.csv"
expect_exit "the two to one output are refused" 1 \
  "$flowclean" clean -q -o "$work/both.csv" "$work/in/nf-sample-chunk1.csv" \
  "$work/in/argus-binetflow-slips-test4.binetflow.csv"
check "the message says why" said "header names other columns than the header of .*, and their rows would share an output"
expect_exit "the two with one --rejects file are refused" 1 \
  "$flowclean" clean -q --out-dir "$work/out2" --on-error skip --rejects "$work/rejects.csv" \
  "$work/in/nf-sample-chunk1.csv" "$work/in/argus-binetflow-slips-test4.binetflow.csv"
check "the message names the rejects file" said "and their rows would share the --rejects file"
finish
