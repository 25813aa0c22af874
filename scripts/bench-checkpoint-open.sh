#!/usr/bin/env bash
# Opening a 1 GiB safetensors embedding (262144 × 1024 F32, in /tmp, not the repo): memory-mapped vs read into the
# heap, each with the file's pages evicted from the page cache (cold) and after a previous read (warm).
# Usage: scripts/bench-checkpoint-open.sh [FILE] [runs]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/jdk.sh"
cd "$root"
file="${1:-${TMPDIR:-/tmp}/embedkit-1g/model.safetensors}"
runs="${2:-3}"

if [ ! -f "$file" ]; then
  mkdir -p "$(dirname "$file")"
  /usr/bin/python3 - "$file" <<'PY'
import json, struct, sys
import numpy as np
rows, cols = 262144, 1024
header = json.dumps({"wte.weight": {"dtype": "F32", "shape": [rows, cols], "data_offsets": [0, rows * cols * 4]}}).encode()
header += b" " * (-len(header) % 8)
rng = np.random.default_rng(1)
with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<Q", len(header)) + header)
    for _ in range(rows // 8192):
        f.write(rng.standard_normal((8192, cols), dtype=np.float32).tobytes())
PY
fi

mvn -B -q -pl embedkit-bench -am package -DskipTests
evict() { # drop only this file's pages (posix_fadvise DONTNEED), not the whole machine's cache
  /usr/bin/python3 -c 'import os,sys; fd=os.open(sys.argv[1], os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)' "$file"
}
run() { java --add-modules jdk.incubator.vector -Xmx4g -cp embedkit-bench/target/benchmarks.jar \
    dev.embedkit.bench.CheckpointOpenHarness "$file" "$1" 2>&1 | grep -v 'Using incubator modules'; }
echo "$(ls -l "$file" | awk '{print $5}') bytes; $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
for i in $(seq "$runs"); do
  for mode in mapped heap; do
    evict; echo -n "cold  "; run "$mode"
    echo -n "warm  "; run "$mode"
  done
done
