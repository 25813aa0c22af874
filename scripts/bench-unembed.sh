#!/usr/bin/env bash
# Unembedding logits for a batch (n=64, d=768, V=50257), embedkit against NumPy's OpenBLAS sgemm, in one run.
# Every python3 given (default: /usr/bin/python3 and the python3 on PATH, when they differ) is measured, since
# NumPy builds differ in their OpenBLAS; embedkit runs UnembedBench (JMH, all cores, Vector API kernels).
# Usage: scripts/bench-unembed.sh [PYTHON…]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vocab=50257 dim=768 batch=64
pythons=("$@")
if [ ${#pythons[@]} -eq 0 ]; then
  pythons=(/usr/bin/python3)
  other="$(command -v python3 || true)"
  if [ -n "$other" ] && [ "$(readlink -f "$other")" != "$(readlink -f /usr/bin/python3)" ]; then
    pythons+=("$other")
  fi
fi
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for py in "${pythons[@]}"; do
  version="$("$py" -c 'import numpy; print(numpy.__version__)')"
  read -r best median < <("$py" "$root/scripts/bench-py/sgemm.py" "$vocab" "$dim" "$batch")
  echo "numpy $version ($py): best $best ms, median $median ms"
done
"$root/scripts/bench" UnembedBench -f 1 -wi 3 -i 5 -w 2s -r 2s -p vocab=$vocab -p dim=$dim -p batch=$batch \
  | grep -E '^(Benchmark|UnembedBench)'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
