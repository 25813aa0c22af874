#!/usr/bin/env bash
# Exact top-10 neighbours, gensim vs embedkit, on the same seeded random 100k×300 table and the same 200 words.
# Usage: scripts/bench-neighbors.sh [OUT_DIR] [extra args for neighbors_gensim.py, e.g. --vocab 50000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"
out="${1:-${TMPDIR:-/tmp}/embedkit-neighbors}"
shift || true

# This machine may set OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow a current numpy,
# so they are unset for this one command only (the script prints which BLAS kernel then runs).
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 embedkit-bench/scripts/neighbors_gensim.py --out "$out" "$@"

mvn -B -q -pl embedkit-bench -am package -DskipTests
java --add-modules jdk.incubator.vector -Xmx4g -cp embedkit-bench/target/benchmarks.jar \
    dev.embedkit.bench.NeighborsHarness "$out" 5 2>&1 | grep -v 'Using incubator modules'
