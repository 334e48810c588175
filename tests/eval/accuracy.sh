#!/usr/bin/env bash
# accuracy.sh FLOWCLEAN LABELED_FLOWS ZEEK_DIR [--check]
# Precision and recall of the flips, default rules against `clean --learn`,
# as a Markdown table (doc/learning.md, Accuracy):
#   - labeled_flows: synthetic traffic with the traps, seeds 1001-1003 (the
#     rules were developed on other seeds), 200,000 rows each, inverted at
#     random (10%) and clustered (most rows of 3 in 10 server endpoints);
#   - the 12 Zeek captures of tests/eval/zeek (real traffic) converted by zeek_to_vast.sh,
#     seeds 1001-1003, each capture learned and cleaned on its own, the
#     counts summed over all captures and seeds;
#   - the 11 TSV ones of them inverted in Zeek's own format instead
#     (zeek_native.sh), IPv6 rows kept.
# With --check, exits 1 unless learned mode reaches the issue's targets:
# precision >= 0.999 and recall >= 0.995, except Zeek clustered (>= 0.995
# and >= 0.95), and unless the learned port list of labeled_flows holds 443,
# 445 and 8080 and no port of the scanners (62559-62561).
set -euo pipefail
flowclean=$1 labeled=$2 zeek_dir=$3 check=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

# score TRUTH INPUT MODE [tsv] -> "right wrong missed"; tsv: a Zeek log,
# whose junk lines (one capture has one) are passed so rows stay in step.
score() {
  local args=(clean -q --annotate)
  [ "$3" = learned ] && args+=(--learn)
  [ "${4:-}" = tsv ] && args+=(--on-error pass)
  "$flowclean" "${args[@]}" "$2" > "$work/out"
  # The whole score stays in $work/score: its lines by class, after the first.
  sh "$here/score.sh" "$1" "$work/out" ${4:+"$4"} > "$work/score"
  head -n 1 "$work/score" | cut -d' ' -f1-3
}

# row NAME INVERSION MODE "right wrong missed" MIN_PRECISION MIN_RECALL
row() {
  read -r right wrong missed <<< "$4"
  local p r
  p=$(awk -v a="$right" -v b="$wrong" 'BEGIN { printf "%.4f", (a + b) ? a / (a + b) : 1 }')
  r=$(awk -v a="$right" -v b="$missed" 'BEGIN { printf "%.4f", (a + b) ? a / (a + b) : 1 }')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" \
    "$right" "$wrong" "$missed" "$p" "$r"
  if [ "$3" = learned ] && [ -n "$5" ]; then
    if ! awk -v p="$p" -v r="$r" -v mp="$5" -v mr="$6" 'BEGIN { exit !(p >= mp && r >= mr) }'; then
      echo "BELOW TARGET: $1 $2: precision $p (>= $5), recall $r (>= $6)" >&2
      failed=1
    fi
  fi
}

add() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " "); print x[1] + y[1], x[2] + y[2], x[3] + y[3] }'; }

# generated LABEL [--unseen] MIN_PRECISION MIN_RECALL: labeled_flows,
# seeds 1001-1003, random and clustered. With --unseen, the learned runs'
# counts by shape go to $work/shapes, for the table after the main one.
generated() {
  local label=$1 unseen=$2 mode rules seed total flag
  for mode in random clustered; do
    for rules in default learned; do
      total="0 0 0"
      for seed in 1001 1002 1003; do
        flag=(${unseen:+"$unseen"}); [ $mode = clustered ] && flag+=(--clustered)
        "$labeled" --rows 200000 --seed $seed "${flag[@]}" --truth "$work/truth" > "$work/in.csv"
        total=$(add "$total" "$(SCORE_CLASS_WORD=3 score "$work/truth" "$work/in.csv" $rules)")
        if [ -n "$unseen" ] && [ $rules = learned ]; then
          tail -n +2 "$work/score" | sed "s/^/$mode /" >> "$work/shapes"
        fi
      done
      row "$label" "$mode" $rules "$total" "$3" "$4"
    done
  done
}

echo "| data | inverted | rules | flipped right | flipped wrong | missed | precision | recall |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
generated "labeled_flows, 3 x 200,000 rows" "" 0.999 0.995
# The shapes of traffic the issue "accuracy on traffic we have not seen"
# found on real captures outside the repository (labeled_flows --unseen:
# failed tries to dead C2 servers, slow scanners, ident back to a scanner,
# a scanner serving SSH, a port learned at one site reused by clients at
# another): reported, by shape below the table, not held to a target, since
# two of them are undecidable from what learning keeps (doc/learning.md).
generated "labeled_flows --unseen, 3 x 200,000 rows" --unseen "" ""
# captures CONVERTER KIND LABEL RANDOM_RECALL: the Zeek captures of
# zeek_dir converted by CONVERTER (csv: to the VAST layout; tsv: Zeek logs,
# which leaves the JSON capture out), three seeds, random and clustered.
captures() {
  local converter=$1 kind=$2 label=$3 random_recall=$4 mode rules seed log total
  for mode in random clustered; do
    for rules in default learned; do
      total="0 0 0"
      for seed in 1001 1002 1003; do
        for log in "$zeek_dir"/*.log*; do
          if [ "$kind" = tsv ] && [[ $log == *json* ]]; then continue; fi
          sh "$here/$converter" "$log" $seed $mode "$work/in" "$work/truth"
          total=$(add "$total" "$(score "$work/truth" "$work/in" $rules "$kind")")
        done
      done
      if [ $mode = random ]; then
        row "$label" "$mode" $rules "$total" 0.999 "$random_recall"
      else
        row "$label" "$mode" $rules "$total" 0.995 0.95
      fi
    done
  done
}
captures zeek_to_vast.sh csv "12 Zeek captures, 3 seeds" 0.995
# The same captures inverted in Zeek's own format (zeek_native.sh), every
# side-named field turned round and the handshake evidence removed from all
# rows, cleaned as Zeek logs. flowclean reads Zeek's TSV, not its JSON lines.
captures zeek_native.sh tsv "11 Zeek captures as Zeek logs, 3 seeds" 0.99

echo
echo "labeled_flows --unseen, learned rules, by shape (base: the traffic without --unseen):"
echo
echo "| inverted | shape | flipped right | flipped wrong | missed |"
echo "| --- | --- | ---: | ---: | ---: |"
awk '{ k = $1 " | " $2; if (!(k in r)) order[++n] = k; r[k] += $3; w[k] += $4; m[k] += $5 }
  END { for (i = 1; i <= n; i++) printf "| %s | %d | %d | %d |\n", order[i], r[order[i]], w[order[i]], m[order[i]] }' "$work/shapes"

if [ "$check" = --check ]; then
  "$labeled" --rows 200000 --seed 1004 --truth "$work/truth" > "$work/in.csv"
  "$flowclean" learn -q -o "$work/ports.txt" "$work/in.csv"
  ports=$(grep -o '^[0-9]*' "$work/ports.txt" | tr '\n' ' ')
  for want in 443 445 8080; do
    [[ " $ports" == *" $want "* ]] || { echo "learned ports lack $want: $ports" >&2; failed=1; }
  done
  for scanner in 62559 62560 62561; do
    [[ " $ports" != *" $scanner "* ]] || { echo "learned ports hold scanner port $scanner" >&2; failed=1; }
  done
  [ $failed = 0 ] && echo "accuracy: all targets met" >&2
  exit $failed
fi
