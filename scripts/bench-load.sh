#!/usr/bin/env bash
# Loading, in one run: `embedkit convert X.bin X-model` against gensim's load_word2vec_format(binary=True) on the same
# seeded ~1 GB word2vec binary (800k×300), three times each, alternating; then LoadHarness times the phases (read,
# write) and opening the model directory, beside gensim's memory-mapped KeyedVectors.load; and the same opening on
# a model of the same V but d=30 (a tenth of the bytes), to show what opening scales with.
# The file is read once before each run, so every run reads from the page cache.
# Usage: scripts/bench-load.sh [DIR]   (VOCAB, DIM override 800000, 300; RUNS the alternating runs, 3)
set -euo pipefail
dir="$(realpath -m "${1:-${TMPDIR:-/tmp}/embedkit-load}")"
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
vocab="${VOCAB:-800000}" dim="${DIM:-300}"
mkdir -p "$dir"
echo "$(machine); disk: $(df -h "$dir" | tail -1 | cut -c1-40)"

/usr/bin/python3 embedkit-bench/scripts/make_w2v_binary.py "$dir/x.bin" --vocab "$vocab" --dim "$dim"
/usr/bin/python3 embedkit-bench/scripts/make_w2v_binary.py "$dir/thin.bin" --vocab "$vocab" --dim 30
echo "x.bin: $(stat -c %s "$dir/x.bin") bytes (V=$vocab, d=$dim); thin.bin: $(stat -c %s "$dir/thin.bin") bytes (d=30)"
./embedkit --version >/dev/null   # builds the CLI if needed, outside the timings
bench_build
echo "harness JVM flags: ${bench_java_flags[*]}"

for run in $(seq "${RUNS:-3}"); do
  cat "$dir/x.bin" >/dev/null
  load "gensim, run $run"
  peer_python /usr/bin/python3 embedkit-bench/scripts/load_gensim.py "$dir/x.bin"
  cat "$dir/x.bin" >/dev/null
  rm -rf "$dir/x-model"
  load "embedkit convert, run $run"
  start=$(date +%s%N)
  ./embedkit convert "$dir/x.bin" "$dir/x-model" 2>&1 | grep -v 'Using incubator'
  echo "embedkit convert (wall, JVM start included): $(( ($(date +%s%N) - start) / 1000000 )) ms"
done

load "embedkit phases and opening"
bench_harness LoadHarness "$dir/x.bin" "$dir/x-model" 20
bench_harness LoadHarness "$dir/thin.bin" "$dir/thin-model" 20
load "gensim memory-mapped load"
peer_python /usr/bin/python3 embedkit-bench/scripts/load_gensim.py "$dir/x.bin" --native "$dir/gensim-native"
load "done"
