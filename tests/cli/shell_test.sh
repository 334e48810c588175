#!/usr/bin/env bash
# Shell-level behaviour users rely on: stdin equals a file, several inputs,
# --out-dir, atomic -o, write errors, a closed pipe, thread-independent bytes,
# idempotence. Usage: shell_test.sh FLOWCLEAN FLOWGEN SOURCE_DIR
flowclean=$1 flowgen=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/../promises/lib.sh"

"$flowgen" --rows 200000 --seed 11 > "$work/big.csv"
"$flowgen" --rows 3000 --seed 12 > "$work/a.csv"
"$flowgen" --rows 3000 --seed 13 > "$work/b.csv"

"$flowclean" clean -q "$work/big.csv" > "$work/from-file.csv"
"$flowclean" clean -q < "$work/big.csv" > "$work/from-stdin.csv"
"$flowclean" clean -q - < <(cat "$work/big.csv") > "$work/from-pipe.csv"
check "stdin gives the same bytes as a file" cmp -s "$work/from-file.csv" "$work/from-stdin.csv"
check "a pipe gives the same bytes as a file" cmp -s "$work/from-file.csv" "$work/from-pipe.csv"
check "rows are flipped at all" bash -c "! cmp -s '$work/big.csv' '$work/from-file.csv'"
check "rows are neither lost nor added" test "$(wc -l < "$work/big.csv")" = "$(wc -l < "$work/from-file.csv")"

for threads in 1 2 3 8; do
  "$flowclean" clean -q --threads "$threads" "$work/big.csv" > "$work/t$threads.csv"
  check "--threads $threads gives the same bytes" cmp -s "$work/from-file.csv" "$work/t$threads.csv"
done

"$flowclean" clean -q --summary-json "$work/again.json" "$work/from-file.csv" > "$work/twice.csv"
check "a second pass changes nothing" cmp -s "$work/from-file.csv" "$work/twice.csv"
check "a second pass flips no row" grep -q '"rows_flipped": 0,' "$work/again.json"

"$flowclean" clean -q "$work/a.csv" "$work/b.csv" > "$work/ab.csv"
check "several inputs give one header" test "$(grep -c '^TimeSeconds,' "$work/ab.csv")" = 1
check "several inputs keep every row" test "$(wc -l < "$work/ab.csv")" = 6001

mkdir "$work/in"
cp "$work/a.csv" "$work/b.csv" "$work/in/"
"$flowclean" clean -q --out-dir "$work/out" "$work/in/a.csv" "$work/in/b.csv"
"$flowclean" clean -q "$work/a.csv" > "$work/a-clean.csv"
check "--out-dir writes one file per input, same name" cmp -s "$work/out/a.csv" "$work/a-clean.csv"
check "--out-dir writes the second input too" test -s "$work/out/b.csv"

echo "previous content" > "$work/target.csv"
printf 'not,a,flow,header\n' > "$work/bad.csv"
"$flowclean" clean -q -o "$work/target.csv" "$work/a.csv" "$work/bad.csv" 2> "$work/err.txt"
check "a failed run exits 1" test $? -eq 1
check "a failed run leaves -o's target untouched" grep -qx "previous content" "$work/target.csv"
check "a failed run leaves no temporary file" test "$(temp_files "$work")" = 0
check "the error names the file and line" grep -q "^flowclean: error: $work/bad.csv:1: header matches no format: vast lacks column" "$work/err.txt"

"$flowclean" clean -q -o "$work/target.csv" "$work/a.csv"
check "a good run replaces -o's target" cmp -s "$work/target.csv" "$work/a-clean.csv"

# Renaming a temporary file over a device would replace it with a file.
"$flowclean" clean -q -o /dev/null "$work/a.csv"
check "-o /dev/null leaves /dev/null a device" test -c /dev/null
"$flowclean" learn -q --model /dev/null -o /dev/stdout "$work/a.csv" > "$work/ports-stdout.txt"
check "learn writes to /dev/null and /dev/stdout as they stand" \
  bash -c "test -c /dev/null && grep -q '^# Service ports learned' '$work/ports-stdout.txt'"

if [ -w /dev/full ]; then
  "$flowclean" clean -q "$work/big.csv" > /dev/full 2> "$work/full.txt"
  check "a full disk exits 1" test $? -eq 1
  check "a full disk says so" grep -q "^flowclean: error: <stdout>: write failed: no space left on device" "$work/full.txt"
fi

"$flowclean" clean "$work/big.csv" 2> "$work/pipe-err.txt" | head -n 2 > /dev/null
status=${PIPESTATUS[0]}
check "a closed pipe ends the run without an error status ($status)" test "$status" = 0 -o "$status" = 141
check "a closed pipe ends the run quietly" test ! -s "$work/pipe-err.txt"

"$flowclean" clean "$work/a.csv" > /dev/null 2> "$work/summary.txt"
check "the summary goes to stderr" grep -q "^flowclean: 3,000 rows read:" "$work/summary.txt"
"$flowclean" clean -q "$work/a.csv" > /dev/null 2> "$work/quiet.txt"
check "-q silences the summary" test ! -s "$work/quiet.txt"

gzip -c "$work/big.csv" > "$work/big.csv.gz"
"$flowclean" clean -q "$work/big.csv.gz" > "$work/from-gz.csv"
check "gzip input gives the same bytes" cmp -s "$work/from-file.csv" "$work/from-gz.csv"
gzip -c < "$work/big.csv" | "$flowclean" clean -q > "$work/from-gz-stdin.csv"
check "gzip on stdin gives the same bytes" cmp -s "$work/from-file.csv" "$work/from-gz-stdin.csv"
cp "$work/big.csv.gz" "$work/no-extension"
"$flowclean" clean -q "$work/no-extension" > "$work/from-magic.csv"
check "compression is found by magic bytes, not the name" cmp -s "$work/from-file.csv" "$work/from-magic.csv"
"$flowclean" clean -q -o "$work/out.csv.gz" "$work/big.csv"
check "-o FILE.gz writes gzip" bash -c "gzip -dc '$work/out.csv.gz' | cmp -s - '$work/from-file.csv'"
if command -v zstd > /dev/null; then
  zstd -q -c "$work/big.csv" > "$work/big.csv.zst"
  "$flowclean" clean -q "$work/big.csv.zst" > "$work/from-zst.csv"
  check "zstd input gives the same bytes" cmp -s "$work/from-file.csv" "$work/from-zst.csv"
  "$flowclean" clean -q -o "$work/out.csv.zst" "$work/big.csv"
  check "-o FILE.zst writes zstd" bash -c "zstd -q -dc '$work/out.csv.zst' | cmp -s - '$work/from-file.csv'"
else
  echo "FAILED: zstd is not installed (apt-get install zstd)"; failures=$((failures + 1))
fi

# Progress: shown when stderr is a terminal (a pty made by script), never in
# a pipe unless --progress. The input pauses so the run outlasts the first
# redraw interval.
slow_input="(head -c 3000000 '$work/big.csv'; sleep 1; tail -c +3000001 '$work/big.csv')"
script -qfec "$slow_input | '$flowclean' clean -o '$work/p1.csv'" /dev/null > "$work/pty.txt" 2>&1
check "progress shows in a terminal" grep -q "rows, .*/s" "$work/pty.txt"
check "progress does not change the output" cmp -s "$work/p1.csv" "$work/from-file.csv"
bash -c "$slow_input" | "$flowclean" clean -o "$work/p2.csv" 2> "$work/pipe-progress.txt"
check "progress never shows in a pipe" bash -c "! grep -q 'rows, .*/s' '$work/pipe-progress.txt'"
bash -c "$slow_input" | "$flowclean" clean -q --progress -o "$work/p3.csv" 2> "$work/forced.txt"
check "--progress forces it" grep -q "rows, .*/s" "$work/forced.txt"

"$flowclean" --help > "$work/help.txt"
check "--help exits 0 and lists clean" grep -q "^  clean " "$work/help.txt"

# Formats: the built-in description, printed and read back, is the format
# --format auto finds; a forced format that the header does not fit is
# refused naming the column.
"$flowclean" formats show vast > "$work/vast.format"
"$flowclean" clean -q --format-file "$work/vast.format" "$work/big.csv" > "$work/described.csv"
check "formats show vast, read back by --format-file, cleans as auto" cmp -s "$work/from-file.csv" "$work/described.csv"
"$flowclean" clean -q --format vast "$work/big.csv" > "$work/named.csv"
check "--format vast cleans as auto" cmp -s "$work/from-file.csv" "$work/named.csv"
expect_exit "--format and --format-file together are a usage error" 2 \
  "$flowclean" clean -q --format vast --format-file "$work/vast.format" "$work/a.csv"
expect_exit "a header the forced format does not fit is an error" 1 \
  "$flowclean" clean -q --format vast "$work/bad.csv"
check "it names the column and the format" said "bad.csv:1: header has no column 'ipLayerProtocol' or 'ipLayerProtocolCode' \\(format vast\\)"
expect_exit "an output that is the --format-file is refused" 2 \
  "$flowclean" clean -q --format-file "$work/vast.format" -o "$work/vast.format" "$work/a.csv"

# FLOWCLEAN_FORCE_ISA: any set this build has and the CPU runs gives the
# same bytes; --version names it; a name it does not know is a usage error
# before anything is read or written.
check "--version names the instruction set in use" \
  bash -c "'$flowclean' --version | grep -Eq '^instruction set: [a-z0-9]+ '"
FLOWCLEAN_FORCE_ISA=scalar "$flowclean" --version > "$work/version.txt"
check "--version says a forced set is forced" grep -q "^instruction set: scalar (.*forced by FLOWCLEAN_FORCE_ISA" "$work/version.txt"
FLOWCLEAN_FORCE_ISA=scalar "$flowclean" clean -q "$work/big.csv" > "$work/scalar.csv"
check "the scalar kernels give the same bytes as the widest" cmp -s "$work/from-file.csv" "$work/scalar.csv"
expect_exit "an unknown FLOWCLEAN_FORCE_ISA is a usage error" 2 \
  env FLOWCLEAN_FORCE_ISA=avx9 "$flowclean" clean -q -o "$work/never.csv" "$work/a.csv"
check "the unknown set is named, with the sets there are" said "FLOWCLEAN_FORCE_ISA=avx9: unknown instruction set; this build has: .*scalar"
check "nothing is written for it" test ! -e "$work/never.csv"

finish
