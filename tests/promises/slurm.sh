#!/usr/bin/env bash
# flowclean-slurm never loses a chunk: an --out-dir holding a chunk, chunk
# names with line breaks or a leading dash, a missing Slurm command. Runs
# the script with stand-ins for Slurm's commands (the real cluster is
# tests/slurm/pipeline_test.sh); the task step runs flowclean for real.
# Usage: slurm.sh FLOWCLEAN FLOWCLEAN_SLURM DATA_DIR
FC=$1 pipeline=$2 data=$3
# shellcheck source=tests/promises/lib.sh
source "$(dirname "$0")/lib.sh"
cd "$work" || exit 1
mkdir bin chunks
# sbatch prints a job id and records its command line; the rest say nothing.
printf '#!/bin/sh\necho "$@" >> "%s/sbatch.log"\necho 42\n' "$work" > bin/sbatch
for command in scontrol squeue scancel; do printf '#!/bin/sh\n' > "bin/$command"; done
chmod +x bin/*
cp "$data/nf-sample-chunk1.csv" "$data/nf-sample-chunk2.csv" chunks/
md5sum chunks/* > chunks.md5
run() { PATH="$work/bin:$PATH" "$pipeline" --flowclean "$FC" "$@"; }

(cd chunks && PATH="$work/bin:$PATH" "$pipeline" --flowclean "$FC" --work ../w1 --out-dir . nf-sample-chunk1.csv nf-sample-chunk2.csv) \
  > out.txt 2> err.txt
check "--out-dir . beside the chunks is refused" test $? = 2
check "... naming the chunk" grep -q "holds the chunk nf-sample-chunk1.csv" err.txt
expect_exit "--out-dir naming the chunks' folder another way is refused" 2 \
  run --work w2 --out-dir ./chunks/../chunks chunks/nf-sample-chunk1.csv
check "no chunk was touched or removed" md5sum --quiet -c chunks.md5
check "nothing was submitted" test ! -e sbatch.log

cp chunks/nf-sample-chunk1.csv "chunks/two
lines.csv"
expect_exit "a chunk name with a line break is refused" 2 \
  run --work w3 "chunks/two
lines.csv" chunks/nf-sample-chunk2.csv
check "... saying so" said "holds a line break"

cp chunks/nf-sample-chunk1.csv ./--help
cp chunks/nf-sample-chunk2.csv ./-x.csv
printf -- '--help\n-x.csv\n' > list.txt
expect_exit "chunks named like options are submitted" 0 run --work w4 --chunks-from list.txt
# Run the tasks as the jobs would: flowclean must read '--help' as a file.
task() { (cd "$work" && SLURM_ARRAY_TASK_ID=${2:-} "$pipeline" --task "$1" "$work/w4"); }
task learn 1 && task learn 2 && task merge
check "the learn task of chunk '--help' reads it as a file" test -s w4/models/1.model
task clean 1 && task clean 2
check "the clean tasks write both chunks" test -s "w4/clean/--help" -a -s w4/clean/-x.csv

# A PATH with everything but scontrol (the machine may have Slurm itself).
mkdir no-scontrol
for tool in /usr/local/bin/* /usr/bin/* /bin/* "$work"/bin/*; do
  name=${tool##*/}
  [ "$name" = scontrol ] || [ -e "no-scontrol/$name" ] || ln -s "$tool" "no-scontrol/$name"
done
PATH="$work/no-scontrol" "$pipeline" --flowclean "$FC" --work w6 chunks/nf-sample-chunk1.csv \
  > /dev/null 2> err.txt
check "a missing scontrol is a usage error" test $? = 2
check "... in a message" said "scontrol not found on PATH"
finish
