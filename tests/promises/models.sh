#!/usr/bin/env bash
# Models: a model cut short, edited or with a line given twice is refused
# with FILE:LINE, and counts that would wrap are an error. A binary model
# holds the same evidence and is refused, naming the byte, when damaged.
# Usage: models.sh FLOWCLEAN DATA_DIR
FC=$1 data=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
"$FC" learn -q --model week.model "$data"/nf-sample-chunk*.csv
size=$(stat -c %s week.model)
for share in 10 50 90; do
  head -c $((size * share / 100)) week.model > cut.model
  expect_exit "a model cut at $share% is refused" 1 \
    "$FC" clean -q --model cut.model "$data/nf-sample-chunk1.csv"
  check "... naming the file and line" said "^flowclean: error: cut.model:[0-9]+: "
done
head -n -1 week.model > no-end.model
expect_exit "a model cut at a line end is refused" 1 \
  "$FC" learn -q --merge no-end.model --model out.model
check "... saying it was cut short" said "no 'end' line at its end: it was cut short"
sed '0,/^port tcp 80 /s/^port tcp 80 \([0-9]*\)/port tcp 80 1\1/' week.model > edited.model
check "(the edit changed a line)" bash -c "! cmp -s week.model edited.model"
expect_exit "an edited model is refused" 1 \
  "$FC" clean -q --model edited.model "$data/nf-sample-chunk1.csv"
check "... saying its checksum does not match" said "edited.model:[0-9]+: the checksum does not match"
awk '/^rows /{print; print; next} {print}' week.model > twice.model
expect_exit "a model with a line given twice is refused" 1 \
  "$FC" clean -q --model twice.model "$data/nf-sample-chunk1.csv"
# The binary form: the same evidence, the same flips, refused when damaged.
"$FC" learn -q --binary-model week.fcm "$data"/nf-sample-chunk*.csv
"$FC" learn -q --merge week.fcm --model back.model
check "a binary model holds the text model's evidence" cmp -s week.model back.model
"$FC" clean -q --model week.model "$data/nf-sample-chunk1.csv" > by-text.csv
"$FC" clean -q --model week.fcm "$data/nf-sample-chunk1.csv" > by-binary.csv
check "... and cleans to the same bytes" cmp -s by-text.csv by-binary.csv
"$FC" learn -q --merge week.model --binary-model again.fcm
check "... whether learned or made from the text model" cmp -s week.fcm again.fcm
head -c $(($(stat -c %s week.fcm) / 2)) week.fcm > cut.fcm
expect_exit "a binary model cut short is refused" 1 \
  "$FC" clean -q --model cut.fcm "$data/nf-sample-chunk1.csv"
check "... naming the file and byte" said "^flowclean: error: cut.fcm: byte [0-9]+: the binary model is cut short"
cp week.fcm damaged.fcm
printf '\x01' | dd of=damaged.fcm bs=1 seek=5000 conv=notrunc status=none
expect_exit "a binary model with a byte changed is refused" 1 \
  "$FC" clean -q --model damaged.fcm "$data/nf-sample-chunk1.csv"
check "... saying its checksum does not match" said "damaged.fcm: byte [0-9]+: the checksum does not match"
printf 'flowclean-model 2\nrows 9999999999999999999\n' > big.body
{ cat big.body; printf 'end 2 %s\n' "$(gzip -c big.body | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' ')"; } > big.model
expect_exit "a model whose rows are near 2^64 is read" 0 \
  "$FC" learn -q --merge big.model --model one.model
expect_exit "merging it with itself is an error, not a wrap" 1 \
  "$FC" learn -q --merge big.model --merge big.model --model two.model
check "... saying so" said "passes 2\^64 - 1"
finish
