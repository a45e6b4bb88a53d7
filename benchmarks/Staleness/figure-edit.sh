#!/usr/bin/env bash
# Benchmark (not a test), issue 12: "an edit that changes a figure's colour reruns only rendering". On a scratch clone
# of HEAD (the checkout is never edited): a cold build of EXPERIMENT into an empty artifacts folder, then N colour edits
# (Reporting/Figure.Color: palette index + k, k = 1..N, each a new code identity, so each reruns), each followed by a
# build. Per build: the stages that ran, the items they computed, their stage seconds (last-run.json; the tools rebuild
# of the edited sources is not stage time) and the share of the cold build's stage seconds, with the load average.
#   benchmarks/Staleness/figure-edit.sh [EXPERIMENT] [N]
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
experiment=${1:-toy-ci}
n=${2:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
export RSW_DATASETS=${RSW_DATASETS:-$(cd "$repo/../shared/datasets" && pwd)}   # the clone has no ../shared
root=$(mktemp -d /tmp/rsw-figure-edit.XXXXXX)
git clone -q "$repo" "$root/repo"
cd "$root/repo"

build() {   # $1: log name; prints the build's wall seconds
  local s e
  s=$(date +%s.%N)
  dotnet build experiments -p:Experiment="$experiment" -p:ArtifactsRoot="$root/art/" -nologo -v:q -tl:off > "$root/$1.log" 2>&1 \
    || { tail -30 "$root/$1.log"; exit 1; }
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
summary() {   # $1: label, $2: wall seconds, $3: cold stage seconds (empty for the cold build itself)
  python3 - "$root/art/$experiment/last-run.json" "$1" "$2" "${3:-}" <<'PY'
import json, os, sys
stages = json.load(open(sys.argv[1]))["stages"]
ran = [s for s in stages if s["status"] == "ran"]
secs = sum(s["seconds"] for s in ran)
items = sum(s.get("items_computed", 0) for s in ran)
cached = sum(s.get("items_cached", 0) for s in ran)
share = f", {100 * secs / float(sys.argv[4]):.2f} % of the cold build" if sys.argv[4] else ""
print(f"{sys.argv[2]}: {len(ran)} stage(s) ran [{', '.join(s['name'] for s in ran)}], {items} items computed, {cached} cached; "
      f"stage seconds {secs:.1f}{share}; wall {float(sys.argv[3]):.1f} s; load average {os.getloadavg()[0]:.2f}")
open(os.environ["SECONDS_FILE"], "w").write(str(secs))
PY
}

export SECONDS_FILE="$root/seconds"
wall=$(build cold)
summary cold "$wall"
cold=$(cat "$SECONDS_FILE")
# The cold build's results, before any edit: SHA-256 of every file of the experiment's workspace.
(cd "$root/art/$experiment" && find . -type f | sort | xargs sha256sum) > "$root/cold.sha256"
for k in $(seq 1 "$n"); do
  sed -i -E "s/GetColor\(index( \+ [0-9]+)?\)/GetColor(index + $k)/" src/RefusalSae.Experiments/Reporting/Figure.cs
  grep -q "GetColor(index + $k)" src/RefusalSae.Experiments/Reporting/Figure.cs || { echo "the colour edit no longer applies"; exit 1; }
  wall=$(build "colour-$k")
  summary "colour edit $k" "$wall" "$cold"
done
echo "artifacts and logs kept in $root (delete when done)"
