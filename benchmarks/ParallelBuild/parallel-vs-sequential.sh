#!/usr/bin/env bash
# Benchmark (not a test): a cold build of an experiment with independent stages in parallel against the same build
# forced sequential (-p:WorkflowParallel=false), in this run, each into its own empty artifacts folder (its own cache).
# Every stage runs with the same thread count either way, so both must produce byte-identical stage outputs: checked.
#   benchmarks/ParallelBuild/parallel-vs-sequential.sh [EXPERIMENT] [THREADS_PER_STAGE]
set -euo pipefail
cd "$(dirname "$0")/../.."
experiment=${1:-toy-ci}
threads=${2:-1}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
root=$(mktemp -d /tmp/rsw-parallel.XXXXXX)
dotnet build experiments -p:Experiment=smoke -p:ArtifactsRoot="$root/warm/" -nologo -v:q >/dev/null   # tools built first

build() {   # $1: folder, $2: WorkflowParallel
  local s e
  s=$(date +%s.%N)
  dotnet build experiments -p:Experiment="$experiment" -p:ArtifactsRoot="$root/$1/" -p:WorkflowStageThreads="$threads" \
    -p:WorkflowParallel="$2" -nologo -v:q -tl:off > "$root/$1.log" 2>&1 || { tail -30 "$root/$1.log"; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
par=$(build parallel true)
seq=$(build sequential false)
hashes() { python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['stages']; print('\n'.join(f'{k} {v[\"output_hash\"]}' for k,v in sorted(s.items())))" "$root/$1/$experiment/state.json"; }
if diff <(hashes parallel) <(hashes sequential) >/dev/null; then same="byte-identical outputs in every stage"; else same="OUTPUTS DIFFER"; diff <(hashes parallel) <(hashes sequential) || true; fi
printf 'cold %s, %s torch thread(s) per stage: parallel %.1f s, sequential %.1f s, ratio %.2f; %s\n' \
  "$experiment" "$threads" "$par" "$seq" "$(echo "$par / $seq" | bc -l)" "$same"
rm -rf "$root"
