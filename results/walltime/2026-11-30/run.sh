#!/usr/bin/env bash
# Issue 14 section 5: the same 12-trial speedrun plan before (5067a60, the merge base of the wall-time branch) and after
# (ed8874f) its changes; each whole run holds the CPU lock, wall time measured around the command.
set -u
export BENCH_DATA=/work/shared/data BENCH_DOWNLOAD=false DOTNET_CLI_TELEMETRY_OPTOUT=1
PLAN="speedrun --workloads fashion-mnist,kg-transe --submissions baseline,lars,super-convergence --scale cpu --seeds 3"
for side in before after; do
  cd /work/bd-$side
  flock /tmp/bench-cpu.lock dotnet build src/Repro -c Release -nologo -v q 2>&1 | tail -1
  flock /tmp/bench-cpu.lock bash -c "s=\$(date +%s.%N); dotnet src/Repro/bin/Release/net10.0/repro.dll $PLAN --results /work/bd-results/$side > /work/notes/breakdown-$side.log 2>&1; echo \"exit \$? wall \$(echo \"\$(date +%s.%N) - \$s\" | bc)\" >> /work/notes/breakdown-$side.log"
  tail -1 /work/notes/breakdown-$side.log
done
