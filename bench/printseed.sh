#!/usr/bin/env bash
# `bao print` of the seed issue, this tree against an anchor commit, in one
# interleaved run, written in Go benchmark format for benchstat:
#
#   bench/printseed.sh                 # anchor: main
#   ANCHOR=eb89d70 RUNS=30 bench/printseed.sh
#
# It builds both binaries (the anchor from `git archive`, nothing checked
# out), checks that they print the seed byte for byte the same, then times
# whole processes (`bao print --plain --width 80 SEED > /dev/null`) taking
# turns, and prints benchstat's comparison (go run golang.org/x/perf/cmd/
# benchstat when benchstat is not installed). Skips when the seed is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

ANCHOR=${ANCHOR:-main}
RUNS=${RUNS:-20}
SEED=${SEED:-../shared/seeds/000_84ee076a4ed4be77.txt}
[ -f "$SEED" ] || { echo "seed absent: $SEED" >&2; exit 0; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

mkdir -p "$WORK/anchor"
git archive "$ANCHOR" | tar -x -C "$WORK/anchor"
(cd "$WORK/anchor" && go build -o "$WORK/bao-anchor" .)
go build -o "$WORK/bao-this" .

if ! cmp -s <("$WORK/bao-anchor" print --plain --width 80 "$SEED") <("$WORK/bao-this" print --plain --width 80 "$SEED"); then
  echo "note: the two binaries print the seed differently" >&2
fi

now() { date +%s%N; }
for _ in $(seq "$RUNS"); do
  for which in anchor this; do
    t0=$(now)
    "$WORK/bao-$which" print --plain --width 80 "$SEED" >/dev/null
    t1=$(now)
    echo "BenchmarkPrintSeed 1 $((t1 - t0)) ns/op" >>"$WORK/$which.txt"
  done
done

echo "load: $(uptime)"
if command -v benchstat >/dev/null 2>&1; then
  benchstat "anchor=$WORK/anchor.txt" "this=$WORK/this.txt"
else
  go run golang.org/x/perf/cmd/benchstat@latest "anchor=$WORK/anchor.txt" "this=$WORK/this.txt"
fi
