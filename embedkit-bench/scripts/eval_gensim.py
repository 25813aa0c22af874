#!/usr/bin/env python3
"""The gensim half of scripts/bench-eval.sh: times KeyedVectors.evaluate_word_analogies on a random table.

Makes a seeded random V x d float32 table whose vocabulary holds every word of the questions file (as spelled
there, at seeded random rows among the first V) plus filler words, writes it as word2vec binary with gensim, loads it
back and times evaluate_word_analogies(questions, restrict_vocab=V, case_insensitive=True) once. Prints the counts,
so that the Java run on the same file can be checked against them.
"""
import argparse
import os
import time

import numpy as np
from gensim.models import KeyedVectors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--questions", required=True)
    parser.add_argument("--vocab", type=int, default=30_000)
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    question_words = []
    with open(args.questions, encoding="utf-8") as f:
        for line in f:
            if not line.startswith(":"):
                question_words += line.split()
    question_words = list(dict.fromkeys(question_words))  # unique, in order of appearance
    rng = np.random.default_rng(args.seed)
    fillers = [f"filler{i:06d}" for i in range(args.vocab - len(question_words))]
    words = np.array(question_words + fillers, dtype=object)[rng.permutation(args.vocab)].tolist()
    vectors = rng.standard_normal((args.vocab, args.dim), dtype=np.float32)  # (V, d)

    kv = KeyedVectors(vector_size=args.dim, dtype=np.float32)
    kv.add_vectors(words, vectors)
    path = os.path.join(args.out, "table.w2v.bin")
    kv.save_word2vec_format(path, binary=True)
    loaded = KeyedVectors.load_word2vec_format(path, binary=True)

    start = time.perf_counter()
    score, sections = loaded.evaluate_word_analogies(args.questions, restrict_vocab=args.vocab, case_insensitive=True)
    seconds = time.perf_counter() - start
    total = sections[-1]
    print(f"table {args.vocab}x{args.dim} ({len(question_words)} question words among them): {path}")
    print(f"gensim {__import__('gensim').__version__} numpy {np.__version__}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}")
    print(f"gensim evaluate_word_analogies: {seconds:.2f} s, correct {len(total['correct'])} of "
          f"{len(total['correct']) + len(total['incorrect'])}, accuracy {score:.6f}")


if __name__ == "__main__":
    main()
