#!/usr/bin/env bash
# Memory: learn and clean --learn stay under the documented bound (256 MB)
# whatever the input: a flood of rows from a million distinct probing hosts,
# and --threads far past the cores. Peak RSS is read with GNU time where the
# machine has it (.ci/run installs it). Usage: memory.sh FLOWCLEAN DATA_DIR
FC=$1 data=$2
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
bound_kb=$((256 * 1024))

# A million probes (no payload), each from a host of its own.
head -n 1 "$data/nf-sample-chunk1.csv" > flood.csv
awk 'BEGIN { for (i = 0; i < 1000000; i++)
  printf "1364803504.9,2013-04-01 08:05:04,20130401080504.9,6,TCP,10.%d.%d.%d,172.10.0.4,%d,%d,0,0,0,0,0,60,0,1,0,0\n",
    int(i / 65536) % 256, int(i / 256) % 256, i % 256, 1024 + i % 60000, 1 + i % 1000 }' >> flood.csv

peak_kb() {  # peak_kb COMMAND...: runs it, prints its peak RSS in KB
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f %M -o peak.txt "$@" > /dev/null 2> run.err
    local status=$?
    cat peak.txt
    return "$status"
  fi
  "$@" > /dev/null 2> run.err
  local status=$?
  echo 0
  return "$status"
}
[ -x /usr/bin/time ] || echo "note: no /usr/bin/time here: peak memory is not checked"

kb=$(peak_kb "$FC" learn --model flood.model flood.csv)
check "learn on a million distinct probing hosts succeeds" test $? = 0
check "... under $bound_kb KB (peak $kb KB)" test "$kb" -lt "$bound_kb"
check "... and says the cap was reached" grep -q "^memory cap reached: left out" run.err
check "... as the model does" grep -q "^dropped [1-9]" flood.model
check "... which still names the probed server" grep -q "^host .* 172.10.0.4$" flood.model

kb=$(peak_kb "$FC" clean -q --learn -o /dev/null flood.csv)
check "clean --learn on the flood succeeds" test $? = 0
check "... under $bound_kb KB (peak $kb KB)" test "$kb" -lt "$bound_kb"

kb=$(peak_kb "$FC" clean -q --threads 256 -o /dev/null flood.csv)
check "clean --threads 256 succeeds" test $? = 0
check "... under $bound_kb KB (peak $kb KB)" test "$kb" -lt "$bound_kb"
kb=$(peak_kb "$FC" learn -q --threads 256 --model /dev/null flood.csv)
check "learn --threads 256 succeeds" test $? = 0
check "... under $bound_kb KB (peak $kb KB)" test "$kb" -lt "$bound_kb"
finish
