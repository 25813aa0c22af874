#!/usr/bin/env bash
# Exact and approximate top-10 neighbours on one seeded random table (default 400k×300), in one run:
# gensim most_similar (Debian's python3), NumPy Q·Eᵀ + argpartition (every python3 given), embedkit's exact
# NeighborIndex (NeighborsHarness) and its HNSW index (HnswHarness: build time, recall@10, speed-up).
# Usage: scripts/bench-neighbors.sh [OUT_DIR] [args for neighbors_gensim.py, e.g. --vocab 100000]
# PYTHONS="/usr/bin/python3 python3" picks the NumPys (default: /usr/bin/python3 and python3 on PATH if different).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"
out="${1:-${TMPDIR:-/tmp}/embedkit-neighbors}"
shift || true
load() { echo "[load $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%S)] $*"; }
if [ -n "${PYTHONS:-}" ]; then read -r -a pythons <<<"$PYTHONS"; else
  pythons=(/usr/bin/python3)
  other="$(command -v python3 || true)"
  if [ -n "$other" ] && [ "$(readlink -f "$other")" != "$(readlink -f /usr/bin/python3)" ]; then pythons+=("$other"); fi
fi
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -1)"

# This machine may set OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow a current numpy,
# so they are unset for the Python commands only (the scripts print which BLAS kernel then runs).
load "gensim"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 embedkit-bench/scripts/neighbors_gensim.py --out "$out" "$@"
for py in "${pythons[@]}"; do
  load "numpy ($py)"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" embedkit-bench/scripts/neighbors_numpy.py --out "$out"
done

mvn -B -q -pl embedkit-bench -am package -DskipTests
java_run() { java --add-modules jdk.incubator.vector -Xmx6g -cp embedkit-bench/target/benchmarks.jar "$@" 2>&1 \
  | grep -v 'Using incubator modules'; }
load "embedkit exact"
java_run dev.embedkit.bench.NeighborsHarness "$out" 5
load "embedkit HNSW"
java_run dev.embedkit.bench.HnswHarness "$out" 3
load "done"
# HNSW again on a table with structure (rows from 32-dim codes, as real embeddings have a low intrinsic
# dimension), since i.i.d. random rows are its worst case. HNSW_LATENT=0 skips it.
if [ "${HNSW_LATENT:-32}" != 0 ]; then
  load "gensim, latent table (one pass, for the table only)"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 embedkit-bench/scripts/neighbors_gensim.py \
      --out "$out-latent" --latent-dim "${HNSW_LATENT:-32}" --passes 1 "$@" | grep -E '^(table|gensim most)'
  load "embedkit HNSW, latent table"
  java_run dev.embedkit.bench.HnswHarness "$out-latent" 3
  load "done"
fi
