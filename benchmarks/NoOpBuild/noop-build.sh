#!/usr/bin/env bash
# Benchmark (not a test): the no-op build of an up-to-date experiment against an empty Microsoft.Build.NoTargets
# project, both in this run on this machine. Target: ratio ≤ 1.5.
#   benchmarks/NoOpBuild/noop-build.sh [EXPERIMENT] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
experiment=${1:-smoke}
runs=${2:-10}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

exp_cmd="dotnet build experiments -p:Experiment=$experiment -nologo -v:q"
empty_cmd="dotnet build benchmarks/NoOpBuild/Empty.proj -nologo -v:q"

# Bring both up to date first (tools built, stages cached, packages restored).
$exp_cmd >/dev/null
$empty_cmd >/dev/null
grep -q '"status": "ran"' "artifacts/$experiment/last-run.json" && $exp_cmd >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_one() { local s e; s=$(date +%s.%N); $1 >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }

if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 2 --runs "$runs" --export-json /tmp/noop-build.json "$exp_cmd" "$empty_cmd"
  exp=$(python3 -c "import json;r=json.load(open('/tmp/noop-build.json'))['results'];print(r[0]['median'])")
  empty=$(python3 -c "import json;r=json.load(open('/tmp/noop-build.json'))['results'];print(r[1]['median'])")
else
  # Interleaved so that machine load affects both alike.
  : > /tmp/noop-exp; : > /tmp/noop-empty
  for _ in $(seq "$runs"); do time_one "$exp_cmd" >> /tmp/noop-exp; time_one "$empty_cmd" >> /tmp/noop-empty; done
  exp=$(median < /tmp/noop-exp); empty=$(median < /tmp/noop-empty)
fi
grep -q '"status": "ran"' "artifacts/$experiment/last-run.json" && { echo "error: the experiment was not up to date"; exit 1; }
printf 'no-op build, median of %s: experiment %s %.3f s, empty NoTargets project %.3f s, ratio %.2f (target <= 1.5)\n' \
  "$runs" "$experiment" "$exp" "$empty" "$(echo "$exp / $empty" | bc -l)"
