#!/usr/bin/env bash
# Analogy evaluation, gensim vs embedkit, on the same seeded random 30k×100 word2vec binary and questions file.
# Usage: scripts/bench-eval.sh [OUT_DIR] [QUESTIONS]   (default questions: ../shared/data/eval/questions-words.txt)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${1:-${TMPDIR:-/tmp}/embedkit-eval-bench}"
questions="${2:-$root/../shared/data/eval/questions-words.txt}"

# As in bench-neighbors.sh: this machine's OPENBLAS_* settings slow a current numpy, so they are unset here only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 embedkit-bench/scripts/eval_gensim.py \
    --out "$out" --questions "$questions"
echo "embedkit eval (JVM start and loading included in 'real'; the analogy time is the one on the analogies line):"
( time ./embedkit eval "$out/table.w2v.bin" --analogies "$questions" --restrict 30000 ) 2>&1 | grep -v 'Using incubator modules'
