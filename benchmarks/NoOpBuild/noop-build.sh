#!/usr/bin/env bash
# Benchmark (not a test): the no-op build of an up-to-date experiment against an empty Microsoft.Build.NoTargets
# project, both in this run on this machine (hyperfine). Target: ratio ≤ 1.5, also after `touch` of every source file
# and after a `git checkout` that restores their content (the tools build is decided by content, not timestamps).
#   benchmarks/NoOpBuild/noop-build.sh [EXPERIMENT] [RUNS] [ARTIFACTS_ROOT]
set -euo pipefail
cd "$(dirname "$0")/../.."
experiment=${1:-toy}
runs=${2:-10}
# MSBuild resolves a relative ArtifactsRoot against the project (experiments/), so pass it absolute.
artifacts=$(realpath -m "${3:-artifacts}")/
command -v hyperfine >/dev/null || { echo "error: hyperfine is not installed (apt-get install hyperfine)"; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0

exp_cmd="dotnet build experiments -p:Experiment=$experiment -p:ArtifactsRoot=$artifacts -nologo -v:q"
empty_cmd="dotnet build benchmarks/NoOpBuild/Empty.proj -nologo -v:q"
last_run="${artifacts%/}/$experiment/last-run.json"

# Bring both up to date first (tools built, stages cached, packages restored).
$exp_cmd >/dev/null
$empty_cmd >/dev/null
grep -q '"status": "ran"' "$last_run" && $exp_cmd >/dev/null

measure() {   # $1: label
  hyperfine --warmup 1 --runs "$runs" --export-json /tmp/noop-build.json "$exp_cmd" "$empty_cmd" >/dev/null
  python3 - "$1" "$experiment" <<'PY'
import json, sys
r = json.load(open('/tmp/noop-build.json'))['results']
e, b = r[0]['median'], r[1]['median']
print(f"{sys.argv[1]}: no-op build of {sys.argv[2]} {e:.2f} s, empty NoTargets project {b:.2f} s (medians), ratio {e / b:.2f} (target <= 1.5)")
PY
  if grep -q '"status": "ran"' "$last_run"; then echo "error: the experiment was not up to date"; exit 1; fi
}

measure "up to date"
sources=$(git ls-files 'src/**/*.cs' 'tasks/**/*.cs' '*.csproj' '*.props' '*.targets')
# shellcheck disable=SC2086
touch $sources
$exp_cmd >/dev/null   # the one build after the touch: re-hashes the sources, finds the same content, builds no tools
measure "after touch of every source file"
echo "// scratch" >> src/RefusalSae.Engine/Building/Workspace.cs
git checkout -q -- src/RefusalSae.Engine/Building/Workspace.cs   # restores the content with a new timestamp
$exp_cmd >/dev/null
measure "after a git checkout that restores content"
