#!/usr/bin/env python3
"""The gensim half of scripts/bench-neighbors.sh.

Makes a seeded random V x d float32 table, writes it as word2vec binary with gensim, loads it back, and times
gensim's KeyedVectors.most_similar(word, topn=10) over the query words after a warm-up (fill_norms done).
The Java harness reads that word2vec binary with embedkit's loader, and queries.txt and gensim's answers
(gensim-top10.tsv). Also writes what the NumPy half (neighbors_numpy.py) reads: the table as vectors.npy and the
batch of 1000 query words (the gensim queries, then seeded others) as batch.txt, which the Java harnesses use too.
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np
from gensim.models import KeyedVectors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="directory for the table and the answers")
    parser.add_argument("--vocab", type=int, default=400_000)
    parser.add_argument("--batch", type=int, default=1000, help="query words in batch.txt")
    parser.add_argument("--dim", type=int, default=300)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--passes", type=int, default=5, help="timed passes over all queries")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--latent-dim", type=int, default=0,
                        help="0: i.i.d. normal rows (no structure, HNSW's worst case); n: rows = n-dim normal codes times a"
                             " fixed n x d map plus 10%% noise, a low intrinsic dimension like real embeddings have")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    rng = np.random.default_rng(args.seed)
    vectors = rng.standard_normal((args.vocab, args.dim), dtype=np.float32)  # (V, d)
    if args.latent_dim > 0:
        codes = rng.standard_normal((args.vocab, args.latent_dim), dtype=np.float32)  # (V, n)
        mapping = rng.standard_normal((args.latent_dim, args.dim), dtype=np.float32) / np.sqrt(args.latent_dim)
        vectors = (codes @ mapping + 0.1 * vectors).astype(np.float32)
    words = [f"w{i:06d}" for i in range(args.vocab)]

    kv = KeyedVectors(vector_size=args.dim, dtype=np.float32)
    kv.add_vectors(words, vectors)
    w2v_path = os.path.join(args.out, "table.w2v.bin")
    kv.save_word2vec_format(w2v_path, binary=True)

    loaded = KeyedVectors.load_word2vec_format(w2v_path, binary=True)
    if loaded.index_to_key != words or not np.array_equal(loaded.vectors, vectors):
        sys.exit("the word2vec binary did not read back as written")

    queries = [words[i] for i in rng.choice(args.vocab, size=args.queries, replace=False)]
    with open(os.path.join(args.out, "queries.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(queries) + "\n")
    batch = list(dict.fromkeys(queries))
    for i in rng.permutation(args.vocab):
        if len(batch) == min(args.batch, args.vocab):
            break
        if words[i] not in batch[:args.queries]:
            batch.append(words[i])
    with open(os.path.join(args.out, "batch.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(batch) + "\n")
    np.save(os.path.join(args.out, "vectors.npy"), vectors)

    loaded.fill_norms()
    answers = {q: loaded.most_similar(q, topn=10) for q in queries}  # warm-up pass, also the reference answers
    per_query_ms = []
    for _ in range(args.passes):
        start = time.perf_counter()
        for q in queries:
            loaded.most_similar(q, topn=10)
        per_query_ms.append((time.perf_counter() - start) * 1000 / len(queries))

    with open(os.path.join(args.out, "gensim-top10.tsv"), "w", encoding="utf-8") as f:
        for q in queries:
            f.write("\t".join([q] + [w for w, _ in answers[q]]) + "\n")

    try:
        from threadpoolctl import threadpool_info
        blas = "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} threads={i.get('num_threads')}"
                         for i in threadpool_info())
    except ImportError:
        blas = "unknown (install python3-threadpoolctl to see it)"
    per_query_ms.sort()
    print(f"table {args.vocab}x{args.dim}" + (f" (latent dim {args.latent_dim})" if args.latent_dim else "")
          + f", {len(queries)} queries, top-10, {args.passes} timed passes after 1 warm-up pass")
    print(f"gensim {__import__('gensim').__version__} numpy {np.__version__} BLAS: {blas}")
    print(f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')} "
          f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}")
    print(f"gensim most_similar: {per_query_ms[len(per_query_ms) // 2]:.3f} ms/query median, "
          f"{per_query_ms[0]:.3f} min, {per_query_ms[-1]:.3f} max")


if __name__ == "__main__":
    main()
