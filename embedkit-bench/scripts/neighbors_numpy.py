#!/usr/bin/env python3
"""The NumPy half of scripts/bench-neighbors.sh: exact top-10 cosine neighbours as a NumPy user writes them.

Reads vectors.npy and batch.txt (written by neighbors_gensim.py; word w000123 is row 123), normalizes the rows once
(not timed, like gensim's fill_norms), then times
  one query at a time:  s = E @ q; the query's own row set to -inf; argpartition top-10; sort those 10
  the batch:            blocks of 100 queries, S = Q @ E.T (100 x V), own rows -inf, argpartition per row, sort
and prints ms per query (median of the timed passes). Its answers for the batch go to numpy-top10.tsv.
"""
import argparse
import os
import time

import numpy as np

K = 10
BLOCK = 100  # queries per GEMM: 100 x 400k scores = 160 MB, the memory a user would spend


def top_k(scores):
    """The K best columns of each row of scores, best first."""
    part = np.argpartition(-scores, K, axis=1)[:, :K]
    order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--single", type=int, default=200, help="queries timed one at a time")
    args = parser.parse_args()
    vectors = np.load(os.path.join(args.out, "vectors.npy"))
    units = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)  # (V, d)
    with open(os.path.join(args.out, "batch.txt"), encoding="utf-8") as f:
        words = [line.strip() for line in f if line.strip()]
    ids = np.array([int(w[1:]) for w in words])
    queries = units[ids]  # (n, d)

    def single_pass():
        for i in ids[: args.single]:
            s = units @ units[i]
            s[i] = -np.inf
            top_k(s[None, :])

    def batch_pass():
        answers = []
        for start in range(0, len(ids), BLOCK):
            s = queries[start:start + BLOCK] @ units.T  # (block, V)
            s[np.arange(len(s)), ids[start:start + BLOCK]] = -np.inf
            answers.append(top_k(s))
        return np.concatenate(answers)

    timings = {}
    for name, run, n in (("single", single_pass, min(args.single, len(ids))), ("batch", batch_pass, len(ids))):
        result = run()  # warm-up
        per_query = []
        for _ in range(args.passes):
            start = time.perf_counter()
            run()
            per_query.append((time.perf_counter() - start) * 1000 / n)
        per_query.sort()
        timings[name] = per_query
        if name == "batch":
            with open(os.path.join(args.out, "numpy-top10.tsv"), "w", encoding="utf-8") as f:
                for w, row in zip(words, result):
                    f.write("\t".join([w] + [f"w{j:0{len(w) - 1}d}" for j in row]) + "\n")
    try:
        from threadpoolctl import threadpool_info
        blas = "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
                         for i in threadpool_info())
    except ImportError:
        try:  # NumPy 2 reports the BLAS it was built with
            config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
            blas = f"{config.get('name')} {config.get('version')} (threadpoolctl missing: threads not shown)"
        except Exception:
            blas = "unknown (threadpoolctl missing)"
    print(f"numpy {np.__version__} BLAS: {blas}; table {units.shape[0]}x{units.shape[1]}")
    for name, label in (("single", f"one query at a time ({min(args.single, len(ids))})"),
                        ("batch", f"batch of {len(ids)} in blocks of {BLOCK}")):
        t = timings[name]
        print(f"numpy {label}: {t[len(t) // 2]:.3f} ms/query median, {t[0]:.3f} min, {t[-1]:.3f} max")


if __name__ == "__main__":
    main()
