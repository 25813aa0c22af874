#!/usr/bin/env bash
# Analogy evaluation, gensim vs embedkit, on the same seeded random 30k×100 word2vec binary and questions file.
# Usage: scripts/bench-eval.sh [OUT_DIR] [QUESTIONS]   (default questions: ../shared/data/eval/questions-words.txt;
# the peer's OpenBLAS: see bench-common.sh)
set -euo pipefail
out="$(realpath -m "${1:-${TMPDIR:-/tmp}/embedkit-eval-bench}")"
questions="$(realpath -m "${2:-$(dirname "${BASH_SOURCE[0]}")/../../shared/data/eval/questions-words.txt}")"
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"

peer_blas /usr/bin/python3
peer_python /usr/bin/python3 embedkit-bench/scripts/eval_gensim.py --out "$out" --questions "$questions"
echo "embedkit eval (JVM start and loading included in 'real'; the analogy time is the one on the analogies line):"
( time ./embedkit eval "$out/table.w2v.bin" --analogies "$questions" --restrict 30000 ) 2>&1 | grep -v 'Using incubator modules'
