#!/usr/bin/env bash
# Search, unembedding, stacking and loading against their peers, side by side in one run (issue 6): runs
# bench-neighbors.sh (exact top-10 and HNSW), bench-unembed.sh, bench-stack.sh and bench-load.sh one after the
# other, each with its output in OUT_DIR/STEP.log, then prints one markdown table (scripts/bench-py/ops_table.py):
# measure | embedkit | peer | ratio | target met? | command, below the CPU, JDK, JVM flags and the peers' BLAS.
# Usage: scripts/bench-ops.sh [OUT_DIR]   (default /tmp/embedkit-ops; the summary is also OUT_DIR/summary.md)
# SCALE=full (default): the issue's sizes, 400k×300 tables, V=50257 d=768 n=64, 1M IDs, a 1 GB word2vec binary.
# SCALE=small: tiny sizes and short JMH runs, about 45 s of CPU once the jars are built: a check of the script, not a
# measurement.
# The peers are Debian's /usr/bin/python3 (NumPy, gensim); their OpenBLAS kernels: see bench-common.sh.
set -euo pipefail
out="$(realpath -m "${1:-${TMPDIR:-/tmp}/embedkit-ops}")"
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
scale="${SCALE:-full}"
# Each step's environment and arguments; full leaves every script at its defaults, which are the issue's sizes.
neighbors_env=(PYTHONS=/usr/bin/python3 HNSW_LATENT=0) neighbors_args=() unembed_env=() stack_env=() load_env=()
case "$scale" in
  full) ;;
  small)
    jmh="JMH_OPTS=-f 1 -wi 1 -i 2 -w 1s -r 1s"
    neighbors_env+=(HNSW_EFS=100 PASSES=2) neighbors_args=(--vocab 5000)
    unembed_env=("$jmh" VOCAB=8000 DIM=256 BATCH=16) stack_env=("$jmh" VOCAB=20000 IDS=50000 HEAP=1g)
    load_env=(VOCAB=20000 RUNS=1) ;;
  *) echo "bench-ops: SCALE is full or small, not '$scale'" >&2; exit 2 ;;
esac
mkdir -p "$out"
: > "$out/commands.tsv"

shown() { # the command as one line to paste: arguments with shell characters single-quoted
  local arg words=()
  for arg in "$@"; do
    if [[ "$arg" =~ ^[A-Za-z0-9_./=:,+@-]+$ ]]; then words+=("$arg"); else words+=("'$arg'"); fi
  done
  echo "${words[*]}"
}

step() { # step NAME COMMAND…: runs COMMAND with its output in OUT_DIR/NAME.log; keeps the command for the table
  local name="$1"
  shift
  printf '%s\t%s\n' "$name" "$(shown "$@")" >> "$out/commands.tsv"
  load "$name: $(shown "$@")" >&2
  if ! "$@" > "$out/$name.log" 2>&1; then
    tail -20 "$out/$name.log" >&2
    echo "bench-ops: step $name failed; its output is in $out/$name.log" >&2
    exit 1
  fi
}

launcher_flags() { # the JVM flags in the ./embedkit launcher's exec line
  sed -n '/^exec /,/dev.embedkit.cli.Main/p' embedkit | tr -d '\\\n' \
    | sed -E 's/.*java" +//; s/ +-cp .*//; s/ *[$][{]EMBEDKIT_JAVA_OPTS:-[}]//; s/ +/ /g' \
    | sed "s/[$]young/$(sed -n 's/^young=//p' embedkit)/"  # convert runs with the launcher's default young size
}

{
  echo "# embedkit against its peers, one run (SCALE=$scale), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- $(machine); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- JVM flags: harnesses \`${bench_java_flags[*]}\`; \`embedkit convert\` \`$(launcher_flags)\`" \
    "(./embedkit's, EMBEDKIT_JAVA_OPTS='${EMBEDKIT_JAVA_OPTS:-}'); JMH forks: below"
  echo "- $(peer_blas /usr/bin/python3); gensim $(/usr/bin/python3 -c 'import gensim; print(gensim.__version__)')"
} | tee "$out/summary.md"

load "building" >&2
./embedkit --version > /dev/null
bench_build >&2

step neighbors env "${neighbors_env[@]}" scripts/bench-neighbors.sh "$out/neighbors" "${neighbors_args[@]}"
step unembed env "${unembed_env[@]}" scripts/bench-unembed.sh /usr/bin/python3
step stack env "${stack_env[@]}" scripts/bench-stack.sh
step load env "${load_env[@]}" scripts/bench-load.sh "$out/load"
load "done" >&2

{
  echo "- load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/python3 scripts/bench-py/ops_table.py "$out"
} | tee -a "$out/summary.md"
