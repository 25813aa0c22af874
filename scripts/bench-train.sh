#!/usr/bin/env bash
# embedkit's word2vec trainers on the peers' benchmark, with the settings of ../shared/bench/README.md's table
# (dim 100, window 5, negative 5, sample 1e-4, min-count 5, 3 epochs, 2 threads), scored by the peers' evaluator.
# Usage: scripts/bench-train.sh CORPUS.txt PEERS_BENCH_DIR EVAL_DIR [OUT_DIR]
#   e.g. scripts/bench-train.sh /tmp/baseline/corpus/corpus.txt /work/shared/bench /work/shared/data/eval
# The heap is capped (-Xmx320m): the live set is ~150 MB (two 73k×100 tables, the 40 MB noise table, the
# vocabulary pass's counts), and without a cap the JVM lets garbage from line splitting grow the heap to ~1.8 GB.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="$1" peers="$2" eval="$3" out="${4:-${TMPDIR:-/tmp}/embedkit-bench-train}"
mkdir -p "$out"
for model in sgns cbow; do
  EMBEDKIT_JAVA_OPTS="-Xmx320m ${EMBEDKIT_JAVA_OPTS:-}" /usr/bin/time -v "$root/embedkit" train "$corpus" \
      -o "$out/$model" --overwrite --model "$model" --dim 100 --window 5 --negative 5 --sample 1e-4 \
      --min-count 5 --epochs 3 --threads 2 --save-word2vec "$out/$model.txt" --log "$out/$model.jsonl" \
      2> "$out/$model.time" | grep 'words in'
  grep -E 'Elapsed|Maximum resident' "$out/$model.time"
  /usr/bin/python3 "$peers/eval_vectors.py" "$out/$model.txt" "$eval/questions-words.txt" ws353="$eval/wordsim353.tsv"
done
