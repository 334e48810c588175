#!/bin/sh
# score.sh TRUTH ANNOTATED [tsv]: precision and recall of the flips.
# SCORE_CLASS_WORD=N takes a row's class from word N of its truth line
# (default 2: the payload class; labeled_flows writes its trap as word 3).
# TRUTH has one line per data row: 1 (recorded inverted), 0 (recorded the
# right way) or - (unknown: not scored), then optionally the row's class
# (its payload: conversation, one-way, none; or the generator's trap).
# ANNOTATED is the output of `flowclean clean --annotate`; its
# last-but-one column is kept/flipped. A CSV has a header line; with tsv,
# a Zeek log, '#' lines are not rows.
# Prints: flipped_right flipped_wrong missed precision recall
# then, if TRUTH names classes, one line per class, by name:
# class flipped_right flipped_wrong missed
set -eu
awk -v tsv="${3:-}" -v word="${SCORE_CLASS_WORD:-2}" '
  BEGIN { FS = tsv == "tsv" ? "\t" : "," }
  NR == FNR { split($0, x, " "); truth[FNR] = x[1]; class[FNR] = x[word]; next }
  tsv != "tsv" && FNR == 1 { next }
  tsv == "tsv" && /^[ \t]*#/ { next }
  {
    t = truth[++row]
    if (t == "-") next
    c = class[row]
    if (c != "") seen[c] = 1
    flipped = ($(NF - 1) == "flipped")
    if (flipped && t == 1) { tp++; ctp[c]++ }
    else if (flipped && t == 0) { fp++; cfp[c]++ }
    else if (!flipped && t == 1) { fn++; cfn[c]++ }
  }
  END {
    p = (tp + fp) ? tp / (tp + fp) : 1
    r = (tp + fn) ? tp / (tp + fn) : 1
    printf "%d %d %d %.5f %.5f\n", tp, fp, fn, p, r
    n = 0
    for (c in seen) names[++n] = c
    for (i = 2; i <= n; i++)  # insertion sort: mawk has no asort
      for (j = i; j > 1 && names[j - 1] > names[j]; j--) {
        s = names[j]; names[j] = names[j - 1]; names[j - 1] = s
      }
    for (i = 1; i <= n; i++)
      printf "%s %d %d %d\n", names[i], ctp[names[i]], cfp[names[i]], cfn[names[i]]
  }' "$1" "$2"
