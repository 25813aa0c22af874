# Sourced by the scripts/bench-*.sh comparisons: JDK 25 and the repository as working directory, the benchmark jar
# built once per run, the harness JVM, progress lines with the machine's load, and the Python peers' OpenBLAS.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"

bench_jar="$root/embedkit-bench/target/benchmarks.jar"
# Every plain-loop harness (NeighborsHarness, HnswHarness, LoadHarness) runs with these; JMH forks take @Fork's.
bench_java_flags=(--add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx6g)

load() { echo "[load $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%H:%M:%S)] $*"; }

machine() { # one line: CPU, cores, JDK
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -2 | paste -sd' ')"
}

# Builds embedkit-bench, unless a calling script already did in this run (it exports EMBEDKIT_BENCH_BUILT=1).
bench_build() {
  if [ "${EMBEDKIT_BENCH_BUILT:-0}" != 1 ]; then
    mvn -B -q -Dstyle.color=never -pl embedkit-bench -am package -DskipTests
    export EMBEDKIT_BENCH_BUILT=1
  fi
}

bench_harness() { # bench_harness CLASS ARGS…: one of dev.embedkit.bench's plain timed loops
  java "${bench_java_flags[@]}" -cp "$bench_jar" "dev.embedkit.bench.$1" "${@:2}" 2>&1 \
    | grep -v 'Using incubator modules'
}

# The Python peers: $PYTHONS, else Debian's /usr/bin/python3 and the python3 on PATH when that is another one
# (NumPy builds differ in their OpenBLAS). One a line.
peer_pythons() {
  if [ -n "${PYTHONS:-}" ]; then printf '%s\n' $PYTHONS; return; fi
  echo /usr/bin/python3
  local other; other="$(command -v python3 || true)"
  if [ -n "$other" ] && [ "$(readlink -f "$other")" != "$(readlink -f /usr/bin/python3)" ]; then echo "$other"; fi
}

# Debian's OpenBLAS 0.3.21 does not know recent CPUs and falls back to its generic Prescott (SSE3) kernels, which
# flatters embedkit; then the peers get OPENBLAS_CORETYPE=Haswell. PEER_OPENBLAS_CORETYPE=NAME forces a kernel set,
# PEER_OPENBLAS_CORETYPE= (empty) keeps OpenBLAS's own choice. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE from the
# environment never reach the peers: this machine may set them for old builds, and they slow a current NumPy.
peer_coretype() { # peer_coretype PYTHON: the OPENBLAS_CORETYPE its peers run with (empty: OpenBLAS's own choice)
  if [ -n "${PEER_OPENBLAS_CORETYPE+set}" ]; then echo "$PEER_OPENBLAS_CORETYPE"; return; fi
  local own; own="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$1" "$root/scripts/bench-py/blas_core.py")"
  if [ "${own,,}" = prescott ]; then echo Haswell; fi
}

peer_python() { # peer_python PYTHON ARGS…: a NumPy or gensim peer, with the OpenBLAS kernels peer_coretype chose
  local core; core="$(peer_coretype "$1")"
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE ${core:+"OPENBLAS_CORETYPE=$core"} "$@"
}

peer_blas() { # peer_blas PYTHON: one line naming the NumPy and OpenBLAS kernels its peers run with
  local core own
  core="$(peer_coretype "$1")"
  own="$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$1" "$root/scripts/bench-py/blas_core.py")"
  echo "peer $1: $(peer_python "$1" "$root/scripts/bench-py/blas_core.py" --describe);" \
    "OPENBLAS_CORETYPE=${core:-(unset)}, OpenBLAS's own choice here: $own"
}

# bench_jmh ARGS…: scripts/bench with ARGS and JMH_OPTS (default below), showing only the forks' JVM and the results.
bench_jmh() {
  local jmh
  read -r -a jmh <<<"${JMH_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s}"
  "$root/scripts/bench" "$@" "${jmh[@]}" | grep -E '^(# VM version|# VM options|Benchmark|[A-Za-z]+Bench\.)'
}
