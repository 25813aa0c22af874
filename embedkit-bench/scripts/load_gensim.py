#!/usr/bin/env python3
"""The gensim half of scripts/bench-load.sh: times KeyedVectors.load_word2vec_format(binary=True) on a file, and
optionally (--native DIR) saves the vectors in gensim's own format and times opening them memory-mapped
(KeyedVectors.load(mmap='r'), gensim's counterpart of opening a model directory).
"""
import argparse
import os
import statistics
import time

from gensim.models import KeyedVectors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--native", help="directory for gensim's own format; opened memory-mapped 5 times")
    args = parser.parse_args()
    start = time.perf_counter()
    kv = KeyedVectors.load_word2vec_format(args.file, binary=True)
    print(f"gensim load_word2vec_format(binary=True): {time.perf_counter() - start:.2f} s "
          f"(V={len(kv.index_to_key)}, d={kv.vector_size})")
    if args.native:
        os.makedirs(args.native, exist_ok=True)
        path = os.path.join(args.native, "vectors.kv")
        kv.save(path)
        del kv
        times = []
        for _ in range(5):
            start = time.perf_counter()
            opened = KeyedVectors.load(path, mmap="r")
            _ = float(opened.vectors[-1][0])  # touch one row, as the Java side does
            times.append((time.perf_counter() - start) * 1000)
        size = sum(os.path.getsize(os.path.join(args.native, f)) for f in os.listdir(args.native))
        print(f"gensim KeyedVectors.load(mmap='r') of {size / 1e6:.0f} MB: first {times[0]:.1f} ms, "
              f"median {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    main()
