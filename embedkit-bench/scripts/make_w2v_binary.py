#!/usr/bin/env python3
"""Writes a seeded random word2vec binary (tokens w0000000…, standard-normal float32 rows, the C tool's layout:
token, space, d little-endian float32, newline) of V x d, fast: rows go out as one numpy structured array.
Usage: make_w2v_binary.py OUT.bin [--vocab 800000] [--dim 300] [--seed 7]
"""
import argparse

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--vocab", type=int, default=800_000)
    parser.add_argument("--dim", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    width = len(str(args.vocab - 1))
    row = np.dtype([("token", f"S{width + 1}"), ("space", "S1"), ("values", "<f4", (args.dim,)), ("newline", "S1")])
    rng = np.random.default_rng(args.seed)
    chunk = 50_000
    with open(args.out, "wb") as f:
        f.write(f"{args.vocab} {args.dim}\n".encode("ascii"))
        for start in range(0, args.vocab, chunk):
            n = min(chunk, args.vocab - start)
            rows = np.empty(n, dtype=row)
            rows["token"] = [f"w{i:0{width}d}".encode("ascii") for i in range(start, start + n)]
            rows["space"] = b" "
            rows["values"] = rng.standard_normal((n, args.dim), dtype=np.float32)
            rows["newline"] = b"\n"
            f.write(rows.tobytes())


if __name__ == "__main__":
    main()
