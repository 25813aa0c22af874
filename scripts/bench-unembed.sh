#!/usr/bin/env bash
# Unembedding logits for a batch (n=64, d=768, V=50257), embedkit against NumPy's OpenBLAS sgemm, in one run.
# Every python3 given (default: /usr/bin/python3 and the python3 on PATH, when they differ) is measured, since
# NumPy builds differ in their OpenBLAS; embedkit runs UnembedBench (JMH, all cores, Vector API kernels).
# Usage: scripts/bench-unembed.sh [PYTHON…]   (VOCAB, DIM, BATCH override 50257, 768, 64; JMH_OPTS the JMH run,
# default "-f 1 -wi 3 -i 5 -w 2s -r 2s"; the peers' OpenBLAS: see bench-common.sh)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
vocab="${VOCAB:-50257}" dim="${DIM:-768}" batch="${BATCH:-64}"
pythons=("$@")
if [ ${#pythons[@]} -eq 0 ]; then mapfile -t pythons < <(peer_pythons); fi
echo "$(machine); load: $(cut -d' ' -f1-3 /proc/loadavg)"
for py in "${pythons[@]}"; do
  peer_blas "$py"
  version="$("$py" -c 'import numpy; print(numpy.__version__)')"
  read -r best median < <(peer_python "$py" scripts/bench-py/sgemm.py "$vocab" "$dim" "$batch")
  echo "numpy $version ($py): best $best ms, median $median ms"
done
bench_jmh UnembedBench -p vocab="$vocab" -p dim="$dim" -p batch="$batch"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
