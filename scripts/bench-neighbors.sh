#!/usr/bin/env bash
# Exact and approximate top-10 neighbours on one seeded random table (default 400k×300), in one run:
# gensim most_similar (Debian's python3), NumPy Q·Eᵀ + argpartition (every python3 given), embedkit's exact
# NeighborIndex (NeighborsHarness) and its HNSW index (HnswHarness: build time, recall@10, speed-up).
# Usage: scripts/bench-neighbors.sh [OUT_DIR] [args for neighbors_gensim.py, e.g. --vocab 100000]
# PYTHONS="/usr/bin/python3 python3" picks the NumPys (default: /usr/bin/python3 and python3 on PATH if different);
# HNSW_EFS="50 100" the ef values HnswHarness tries (default: its own list); PASSES the timed passes of every side
# (default 5, HnswHarness 3); the peers' OpenBLAS: bench-common.sh.
set -euo pipefail
out="$(realpath -m "${1:-${TMPDIR:-/tmp}/embedkit-neighbors}")"
shift || true
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
mapfile -t pythons < <(peer_pythons)
machine
for py in "${pythons[@]}"; do peer_blas "$py"; done

load "gensim"
peer_python /usr/bin/python3 embedkit-bench/scripts/neighbors_gensim.py --out "$out" --passes "${PASSES:-5}" "$@"
for py in "${pythons[@]}"; do
  load "numpy ($py)"
  peer_python "$py" embedkit-bench/scripts/neighbors_numpy.py --out "$out" --passes "${PASSES:-5}"
done

bench_build
echo "harness JVM flags: ${bench_java_flags[*]}"
load "embedkit exact"
bench_harness NeighborsHarness "$out" "${PASSES:-5}"
load "embedkit HNSW"
bench_harness HnswHarness "$out" "${PASSES:-3}" ${HNSW_EFS:-}
load "done"
# HNSW again on a table with structure (rows from 32-dim codes, as real embeddings have a low intrinsic
# dimension), since i.i.d. random rows are its worst case. HNSW_LATENT=0 skips it.
if [ "${HNSW_LATENT:-32}" != 0 ]; then
  load "gensim, latent table (one pass, for the table only)"
  peer_python /usr/bin/python3 embedkit-bench/scripts/neighbors_gensim.py \
      --out "$out-latent" --latent-dim "${HNSW_LATENT:-32}" --passes 1 "$@" | grep -E '^(table|gensim most)'
  load "embedkit HNSW, latent table"
  bench_harness HnswHarness "$out-latent" "${PASSES:-3}" ${HNSW_EFS:-}
  load "done"
fi
