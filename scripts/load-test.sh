#!/usr/bin/env bash
# A bounded load test of `embedkit serve`: neighbours queries (one random word, k=10) against a 100,000 × 300
# random model for DURATION seconds at each of 2, 16 and 64 connections, with wrk (installed from Debian if
# missing). Prints requests/s, p50/p99 latency, errors and the server's resident memory after each run.
# Usage: scripts/load-test.sh [DURATION_S]   (default 30; the model is generated once to $TMPDIR)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
duration="${1:-30}"
tmp="${TMPDIR:-/tmp}"
model="$tmp/embedkit-load-100k-300.npy"
vocab=100000

if ! command -v wrk >/dev/null; then
  echo "installing wrk ..." >&2
  { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null || { echo "load-test: cannot install wrk" >&2; exit 1; }
fi

if [ ! -f "$model" ]; then
  echo "writing $model (random normal, seed 1) ..." >&2
  /usr/bin/python3 - "$model" "$vocab" <<'PY'
import sys
import numpy as np
rows = int(sys.argv[2])
np.save(sys.argv[1], np.random.default_rng(1).standard_normal((rows, 300), dtype=np.float32))
PY
fi

# The .npy table's tokens are its row numbers "0" .. "99999"; each request asks for a random one.
script="$tmp/embedkit-load-neighbors.lua"
cat > "$script" <<LUA
math.randomseed(7)
request = function()
  local body = string.format('{"words":["%d"],"k":10}', math.random(0, $vocab - 1))
  return wrk.format("POST", "/api/v1/models/load/neighbors", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.1f %.1f %d %d %d\n", summary.requests / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.errors.status, summary.requests))
end
LUA

"$root/embedkit" serve "load=$model" --port 0 > "$tmp/embedkit-load-serve.out" &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  url=$(grep -o 'http://[0-9.:]*' "$tmp/embedkit-load-serve.out" | head -1 || true)
  [ -n "$url" ] && break
  sleep 1
done
[ -n "$url" ] || { echo "load-test: the server did not start" >&2; exit 1; }
# the first query builds the neighbour index (unit rows); keep that out of the measurement
curl -sf --json '{"words":["0"],"k":10}' "$url/api/v1/models/load/neighbors" >/dev/null
wrk -t2 -c16 -d5s -s "$script" "$url" >/dev/null

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
echo "neighbours (k=10) on a 100000×300 F32 model, ${duration} s per run, wrk -t2 on the same machine;"
echo "$(nproc) cores ($cpu), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
printf '| connections | requests/s | p50 ms | p99 ms | socket errors | non-2xx | requests | server RSS MB |\n'
printf '|---|---|---|---|---|---|---|---|\n'
for connections in 2 16 64; do
  threads=2
  result=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s "$script" "$url" | grep '^RESULT')
  rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
  read -r _ rps p50 p99 errors non2xx requests <<< "$result"
  printf '| %d | %s | %s | %s | %s | %s | %s | %s |\n' "$connections" "$rps" "$p50" "$p99" "$errors" "$non2xx" "$requests" "$rss"
done
