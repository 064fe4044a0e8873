#!/usr/bin/env bash
# Stops the single-node Slurm that build/slurm/up.sh started, by the PIDs it recorded (never by name, so no
# other Slurm or munge on the machine is touched). Idempotent: nothing running is not an error.
set -euo pipefail
state=/run/bench-slurm

stop() {
  local file="$state/$1.pid"
  [[ -s "$file" ]] || return 0
  local pid
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$file"
}

# Jobs first, so no task outlives its daemon.
if [[ -s "$state/slurmctld.pid" ]] && kill -0 "$(cat "$state/slurmctld.pid")" 2>/dev/null; then
  scancel --full --quiet --partition=debug 2>/dev/null || true
fi
stop slurmd
stop slurmctld
stop munged
echo "slurm down"
