#!/usr/bin/env bash
# Stacking rows, EmbeddingTable.lookup(int[]) of 1M random IDs from a 400k×300 table (heap, and memory-mapped from a
# model directory), against copying the same bytes as one block (System.arraycopy into a fresh array, the
# bandwidth limit), in one JMH run of StackBench.
# Usage: scripts/bench-stack.sh   (VOCAB, DIM, IDS override 400000, 300, 1000000; HEAP, e.g. 1g for small sizes,
# replaces @Fork's -Xms10g -Xmx10g; JMH_OPTS the JMH run, default "-f 1 -wi 3 -i 5 -w 2s -r 2s")
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
fork=()
if [ -n "${HEAP:-}" ]; then
  fork=(-jvmArgsAppend "--add-modules jdk.incubator.vector -Xms$HEAP -Xmx$HEAP -XX:+UseParallelGC")
fi
echo "$(machine); load: $(cut -d' ' -f1-3 /proc/loadavg)"
bench_jmh 'StackBench.lookupHeap$' 'StackBench.lookupMapped$' 'StackBench.copyFresh$' "${fork[@]}" \
  -p vocab="${VOCAB:-400000}" -p dim="${DIM:-300}" -p ids="${IDS:-1000000}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
