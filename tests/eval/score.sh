#!/bin/sh
# score.sh TRUTH ANNOTATED [tsv]: precision and recall of the flips.
# TRUTH has one line per data row: 1 (recorded inverted), 0 (recorded the
# right way) or - (unknown: not scored). ANNOTATED is the output of
# `flowclean clean --annotate`; its last-but-one column is kept/flipped.
# A CSV has a header line; with tsv, a Zeek log, '#' lines are not rows.
# Prints: flipped_right flipped_wrong missed precision recall
set -eu
awk -v tsv="${3:-}" '
  BEGIN { FS = tsv == "tsv" ? "\t" : "," }
  NR == FNR { truth[FNR] = $1; next }
  tsv != "tsv" && FNR == 1 { next }
  tsv == "tsv" && /^[ \t]*#/ { next }
  {
    t = truth[++row]
    if (t == "-") next
    flipped = ($(NF - 1) == "flipped")
    if (flipped && t == 1) tp++
    else if (flipped && t == 0) fp++
    else if (!flipped && t == 1) fn++
  }
  END {
    p = (tp + fp) ? tp / (tp + fp) : 1
    r = (tp + fn) ? tp / (tp + fn) : 1
    printf "%d %d %d %.5f %.5f\n", tp, fp, fn, p, r
  }' "$1" "$2"
