#!/usr/bin/env bash
# Signals: SIGINT, SIGTERM or SIGHUP mid-run leave no temporary file beside
# the outputs, the old outputs intact, and the signal as the exit status.
# Usage: signals.sh FLOWCLEAN FLOWGEN
FC=$1 flowgen=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
# Large enough that a run is still writing when the signal comes (a clean
# of 400 MB takes over a second on every machine we have seen).
"$flowgen" --bytes 400000000 --seed 3 > big.csv
echo "old output" > out.csv
for signal in INT TERM HUP; do
  "$FC" clean -q --threads 1 -o out.csv --on-error skip --rejects rejects.csv.gz \
    --summary-json s.json big.csv &
  pid=$!
  # Interrupt as soon as the first temporary file exists: the others are
  # being made then, and none may be left behind.
  for _ in $(seq 100); do
    [ "$(temp_files .)" -ge 1 ] && break
    sleep 0.02
  done
  kill -"$signal" "$pid"
  wait "$pid"
  status=$?
  check "SIG$signal mid-run leaves no temporary file" test "$(temp_files .)" = 0
  check "SIG$signal keeps the signal's exit status ($status)" test "$status" = $((128 + $(kill -l "$signal")))
  check "SIG$signal leaves the old output intact" grep -qx "old output" out.csv
done
finish
