"""NumPy's H @ E.T (OpenBLAS sgemm) for the unembedding shape: prints the best and median of 10 runs in ms.
Usage: python3 sgemm.py VOCAB DIM BATCH"""
import sys
import time

import numpy as np

vocab, dim, batch = (int(x) for x in sys.argv[1:4])
rng = np.random.default_rng(1)
E = rng.standard_normal((vocab, dim), dtype=np.float32)
H = rng.standard_normal((batch, dim), dtype=np.float32)
for _ in range(3):
    H @ E.T
times = []
for _ in range(10):
    start = time.perf_counter()
    H @ E.T
    times.append(time.perf_counter() - start)
times.sort()
print(f"{times[0] * 1e3:.1f} {times[len(times) // 2] * 1e3:.1f}")
