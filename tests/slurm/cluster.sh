#!/usr/bin/env bash
# A single-node Slurm cluster on 127.0.0.1 for the pipeline test: munged,
# slurmctld and slurmd started in the foreground of nobody's init, with all
# state under one scratch folder, and stopped by the pids they wrote.
# Needs root and Debian's slurm-wlm and munge. cluster_start exports
# SLURM_CONF, so sbatch and friends in the caller find this cluster.
# CLUSTER_MAX_ARRAY_SIZE sets MaxArraySize (default 1001, Slurm's own).
# Usage: source cluster.sh; cluster_start DIR; ...; cluster_stop DIR

cluster_fail() {
  echo "slurm cluster: $*" >&2
  return 1
}

cluster_conf() {
  local dir=$1 host cpus mem
  host=$(hostname -s)
  cpus=$(nproc)
  mem=$(awk '/MemTotal/ { print int($2 / 1024 * 0.8) }' /proc/meminfo)
  cat <<CONF
ClusterName=flowclean-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmctldPort=$((6817 + RANDOM % 100 * 2))
SlurmdPort=$((7817 + RANDOM % 100 * 2))
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerParameters=batch_sched_delay=0
DependencyParameters=kill_invalid_depend
MinJobAge=600
MaxArraySize=${CLUSTER_MAX_ARRAY_SIZE:-1001}
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
}

# Starts the daemons; on failure says which and why, and returns 1.
cluster_start() {
  local dir=$1
  [ "$(id -u)" = 0 ] || { cluster_fail "needs root (munged runs as munge, slurmd as root)"; return 1; }
  for tool in munged munge unmunge slurmctld slurmd sinfo sbatch; do
    command -v "$tool" > /dev/null || { cluster_fail "$tool not found: apt-get install slurm-wlm munge"; return 1; }
  done
  mkdir -p "$dir/state" "$dir/spool"
  # Our own slurm.conf, not /etc's: every daemon and client reads SLURM_CONF.
  cluster_conf "$dir" > "$dir/slurm.conf"
  export SLURM_CONF=$dir/slurm.conf
  if munge -n 2> /dev/null | unmunge > /dev/null 2>&1; then
    echo "slurm cluster: using the munged already running" >&2
  else
    [ -f /etc/munge/munge.key ] || { cluster_fail "no /etc/munge/munge.key"; return 1; }
    # munged runs as munge, which cannot enter a root-only scratch folder:
    # its files go to a folder of its own under /run/munge.
    mkdir -p /run/munge && chown munge: /run/munge
    local munge_dir
    munge_dir=$(mktemp -d /run/munge/flowclean-test.XXXXXX) && chown munge: "$munge_dir"
    echo "$munge_dir" > "$dir/munge_dir"
    runuser -u munge -- munged --pid-file="$munge_dir/munged.pid" \
      --log-file="$munge_dir/munged.log" --seed-file="$munge_dir/seed" \
      || { cluster_fail "munged did not start: $(tail -n 3 "$munge_dir/munged.log" 2>&1)"; return 1; }
    munge -n | unmunge > /dev/null || { cluster_fail "munge does not round-trip a credential"; return 1; }
  fi
  slurmctld -c || { cluster_fail "slurmctld did not start: $(tail -n 5 "$dir/slurmctld.log")"; return 1; }
  slurmd || { cluster_fail "slurmd did not start: $(tail -n 5 "$dir/slurmd.log")"; return 1; }
  for _ in $(seq 100); do
    [ "$(sinfo -h -o %t 2> /dev/null)" = idle ] && return 0
    sleep 0.2
  done
  cluster_fail "the node is not idle after 20 s: $(sinfo -h -o '%t %E' 2>&1); slurmd.log: $(tail -n 5 "$dir/slurmd.log")"
}

# Stops what cluster_start started, by pid file, and waits for each to exit.
cluster_stop() {
  local dir=$1 file pid munge_dir=""
  [ -s "$dir/munge_dir" ] && munge_dir=$(cat "$dir/munge_dir")
  for file in "$dir/slurmd.pid" "$dir/slurmctld.pid" ${munge_dir:+"$munge_dir/munged.pid"}; do
    [ -s "$file" ] || continue
    pid=$(cat "$file")
    kill "$pid" 2> /dev/null || continue
    for _ in $(seq 100); do
      kill -0 "$pid" 2> /dev/null || break
      sleep 0.1
    done
  done
  [ -z "$munge_dir" ] || rm -rf "$munge_dir"
}
