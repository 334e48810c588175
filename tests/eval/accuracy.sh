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

# score TRUTH INPUT MODE -> "right wrong missed"
score() {
  local args=(clean -q --annotate)
  [ "$3" = learned ] && args+=(--learn)
  "$flowclean" "${args[@]}" "$2" > "$work/out.csv"
  sh "$here/score.sh" "$1" "$work/out.csv" | cut -d' ' -f1-3
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

echo "| data | inverted | rules | flipped right | flipped wrong | missed | precision | recall |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
for mode in random clustered; do
  for rules in default learned; do
    total="0 0 0"
    for seed in 1001 1002 1003; do
      flag=(); [ $mode = clustered ] && flag=(--clustered)
      "$labeled" --rows 200000 --seed $seed "${flag[@]}" --truth "$work/truth" > "$work/in.csv"
      total=$(add "$total" "$(score "$work/truth" "$work/in.csv" $rules)")
    done
    row "labeled_flows, 3 x 200,000 rows" "$mode" $rules "$total" 0.999 0.995
  done
done
for mode in random clustered; do
  for rules in default learned; do
    total="0 0 0"
    for seed in 1001 1002 1003; do
      for log in "$zeek_dir"/*.log*; do
        sh "$here/zeek_to_vast.sh" "$log" $seed $mode "$work/in.csv" "$work/truth"
        total=$(add "$total" "$(score "$work/truth" "$work/in.csv" $rules)")
      done
    done
    if [ $mode = random ]; then
      row "12 Zeek captures, 3 seeds" "$mode" $rules "$total" 0.999 0.995
    else
      row "12 Zeek captures, 3 seeds" "$mode" $rules "$total" 0.995 0.95
    fi
  done
done

# The same captures inverted in Zeek's own format (zeek_native.sh), every
# side-named field turned round and the handshake evidence removed from all
# rows, cleaned as Zeek logs. The JSON capture is left out: flowclean reads
# Zeek's TSV, not its JSON lines.
for mode in random clustered; do
  for rules in default learned; do
    total="0 0 0"
    for seed in 1001 1002 1003; do
      for log in "$zeek_dir"/*.log*; do
        case $log in *json*) continue ;; esac
        sh "$here/zeek_native.sh" "$log" $seed $mode "$work/in.log" "$work/truth"
        # One capture holds a junk line: passed, so rows stay in step.
        args=(clean -q --annotate --on-error pass)
        [ "$rules" = learned ] && args+=(--learn)
        "$flowclean" "${args[@]}" "$work/in.log" > "$work/out.log"
        total=$(add "$total" "$(sh "$here/score.sh" "$work/truth" "$work/out.log" tsv | cut -d' ' -f1-3)")
      done
    done
    if [ $mode = random ]; then
      row "11 Zeek captures as Zeek logs, 3 seeds" "$mode" $rules "$total" 0.999 0.99
    else
      row "11 Zeek captures as Zeek logs, 3 seeds" "$mode" $rules "$total" 0.995 0.95
    fi
  done
done

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
