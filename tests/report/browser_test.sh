#!/usr/bin/env bash
# The report of the sample chunks, rendered by a real browser (Debian's
# chromium-headless-shell): the page the browser built holds the numbers of
# the run's summary and of an independent count of the CSV files; it makes
# no request and logs nothing to the console; its screenshot is kept as a
# build artifact and is not blank.
# Usage: browser_test.sh FLOWCLEAN DATA_DIR ARTIFACT_DIR
# Skipped (77) without chromium, unless FLOWCLEAN_REQUIRE_BROWSER=1 (CI).
set -euo pipefail
flowclean=$(realpath "$1") data=$(realpath "$2") artifacts=$3
browser=$(command -v chromium-headless-shell || command -v chromium || true)
if [ -z "$browser" ]; then
  echo "no chromium-headless-shell or chromium: apt-get install chromium-headless-shell"
  [ "${FLOWCLEAN_REQUIRE_BROWSER:-0}" = 1 ] && exit 1
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAILED: $*"; failures=$((failures + 1)); }

chunks=(nf-sample-chunk1.csv nf-sample-chunk2.csv nf-sample-chunk3.csv)
(cd "$data" && "$flowclean" clean -q --summary-json "$work/summary.json" \
  --report "$work/report.html" -o "$work/clean.csv" "${chunks[@]}")

# chromium: its own profile, no network (every name resolves to nothing),
# a net log of every request it tried, console messages on stderr.
run_browser() {
  "$browser" --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --host-resolver-rules="MAP * ~NOTFOUND" \
    --enable-logging=stderr --v=0 --log-net-log="$work/net-$1.json" \
    "${@:2}" "file://$work/report.html"
}
run_browser dom --dump-dom > "$work/dom.html" 2> "$work/dom.log"
mkdir -p "$artifacts"
run_browser shot --window-size=1100,4000 --screenshot="$artifacts/sample-report.png" \
  > /dev/null 2> "$work/shot.log"

# The rows of the DOM's table ID, cells joined by '|', digits ungrouped.
table() {
  grep -o "<table id=\"$1\">.*" "$work/dom.html" | sed 's|</table>.*||; s|.*<tbody>||' |
    sed 's|</tr>|\n|g' | sed 's|</t[dh]><t[dh][^>]*>|\||g; s|<[^>]*>||g; s|,||g' | grep . || true
}
# Top ports of protocol P by column C of CSV files, as the report ranks
# them: most rows first, then by port; "port|rows".
top_ports() {
  awk -F, -v p="$1" -v c="$2" 'FNR > 1 && $4 == p { n[$c]++ }
    END { for (k in n) print n[k], k }' "${@:3}" |
    sort -k1,1nr -k2,2n | awk 'NR <= 10 { print $2 "|" $1 }'
}
json_count() { sed -n "s/^  \"$1\": \([0-9]*\),\$/\1/p" "$work/summary.json"; }

for key in rows_read rows_written rows_flipped rows_rejected rows_malformed; do
  shown=$(grep -o "id=\"$key\">[0-9,]*<" "$work/dom.html" | sed 's/[^0-9]//g')
  [ "$shown" = "$(json_count "$key")" ] || fail "$key: page $shown, summary $(json_count "$key")"
done
rules_json=$(grep '^  "rules"' "$work/summary.json" | grep -o '"[a-z-]*": [0-9][0-9]*' |
  sed 's/"//g; s/: /|/')
rules_page=$(table rules | cut -d'|' -f1,3)
[ "$rules_json" = "$rules_page" ] || fail "rules: page $rules_page, summary $rules_json"
inputs_page=$(table inputs | cut -d'|' -f1,2 | tr '\n' ' ')
[ "$inputs_page" = "nf-sample-chunk1.csv|1000 nf-sample-chunk2.csv|1000 nf-sample-chunk3.csv|1000 " ] ||
  fail "inputs: $inputs_page"
for protocol in tcp:6 udp:17; do
  name=${protocol%:*} number=${protocol#*:}
  for side in src:8 dst:9; do
    s=${side%:*} column=${side#*:}
    (cd "$data" && top_ports "$number" "$column" "${chunks[@]}") > "$work/want-before"
    top_ports "$number" "$column" "$work/clean.csv" > "$work/want-after"
    for when in before after; do
      table "$name-$s-$when" | cut -d'|' -f1,2 > "$work/got"
      cmp -s "$work/want-$when" "$work/got" ||
        fail "$name-$s-$when: page $(tr '\n' ' ' < "$work/got"), CSV $(tr '\n' ' ' < "$work/want-$when")"
    done
  done
done

# Nothing requested but the page itself; nothing on the console.
for log in dom shot; do
  requests=$(grep -o '"url":"[^"]*"' "$work/net-$log.json" | grep -v "\"url\":\"file://$work/report.html\"" || true)
  [ -z "$requests" ] || fail "requests made ($log): $requests"
  console=$(grep 'CONSOLE' "$work/$log.log" || true)
  [ -z "$console" ] || fail "console messages ($log): $console"
done

# Not blank: many colours, and no one colour on nearly every pixel.
pngtopnm "$artifacts/sample-report.png" | ppmhist -noheader > "$work/colours"
colours=$(wc -l < "$work/colours")
pixels=$(awk '{ s += $5 } END { print s }' "$work/colours")
commonest=$(sort -k5,5nr "$work/colours" | awk 'NR == 1 { print $5 }')
[ "$colours" -ge 32 ] || fail "screenshot has $colours colours: blank?"
[ $((commonest * 100 / pixels)) -lt 97 ] || fail "screenshot is ${commonest}/${pixels} one colour: blank?"

echo "screenshot: $artifacts/sample-report.png ($colours colours)"
[ "$failures" = 0 ]
