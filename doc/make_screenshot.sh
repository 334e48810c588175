#!/usr/bin/env bash
# Regenerates doc/report.png, the README's picture of the report of the
# sample chunks: the top of the page, as a 1000-pixel-wide window shows it.
# Usage: bash doc/make_screenshot.sh [FLOWCLEAN]  (build/release/flowclean)
# Needs chromium-headless-shell (apt-get install chromium-headless-shell).
set -euo pipefail
cd "$(dirname "$0")/.."
flowclean=$(realpath "${1:-build/release/flowclean}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd data && "$flowclean" clean -q --report "$work/report.html" -o /dev/null \
  nf-sample-chunk1.csv nf-sample-chunk2.csv nf-sample-chunk3.csv)
chromium-headless-shell --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$work/profile" --window-size=1000,1560 \
  --screenshot="$work/report.png" "file://$work/report.html" 2> /dev/null
cp "$work/report.png" doc/report.png
echo "doc/report.png: $(wc -c < doc/report.png) bytes"
