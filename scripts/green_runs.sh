#!/usr/bin/env bash
# How often is the suite green? Clones main afresh and runs the README's test command
# N times in a row (default 5), stopping at the first red; with --load, the same under
# CPU load (a second copy of the suite running beside each run). Prints the count.
#   scripts/green_runs.sh [N] [--load]
set -uo pipefail
runs=${1:-5}
load=${2:-}
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${loader:-}" 2>/dev/null; rm -rf "$work"' EXIT
git clone -q "$root" "$work/clone"
cd "$work/clone"
./dev.sh setup >/dev/null
green=0
for run in $(seq 1 "$runs"); do
  loader=""
  if [ "$load" = "--load" ]; then
    # Load: the suite's own unit and mock tests, looped, on the same two cores.
    ( while true; do .venv/bin/python -m pytest -q -p no:cacheprovider tests/mock tests/test_*.py >/dev/null 2>&1; done ) &
    loader=$!
  fi
  started=$(date +%s)
  if ./dev.sh test -q -p no:cacheprovider >"$work/run-$run.log" 2>&1; then
    green=$((green + 1))
    echo "run $run: green in $(( $(date +%s) - started )) s"
  else
    kept="${TMPDIR:-/tmp}/green-runs-red-$(date +%Y%m%dT%H%M%S).log"
    cp "$work/run-$run.log" "$kept"
    echo "run $run: RED after $(( $(date +%s) - started )) s (log: $kept)"; grep -E "^FAILED" "$kept"
    [ -n "$loader" ] && pkill -P "$loader"; [ -n "$loader" ] && kill "$loader"
    break
  fi
  # The loop and the suite it is running: the next run starts on a quiet machine.
  [ -n "$loader" ] && pkill -P "$loader"; [ -n "$loader" ] && kill "$loader" && wait "$loader" 2>/dev/null
done
echo "green $green of $runs${load:+ (under load)}"
[ "$green" = "$runs" ]
