"""gensim's Word2Vec in corpus_file mode, as ../shared/bench/run-baselines.sh runs it (its GENSIM_TRAIN: hs=0,
min_alpha 0.0001), for scripts/bench-train.sh; writes word2vec text. Logs gensim's progress to stderr.
Usage: python3 gensim_train.py SG CORPUS OUT DIM WINDOW NEGATIVE SAMPLE MIN_COUNT EPOCHS THREADS ALPHA"""
import logging
import sys

from gensim.models import Word2Vec


def main():
    logging.basicConfig(format="%(asctime)s %(levelname)s %(message)s", level=logging.INFO)
    sg, corpus, out, dim, window, negative, sample, min_count, epochs, threads, alpha = sys.argv[1:]
    model = Word2Vec(corpus_file=corpus, sg=int(sg), vector_size=int(dim), window=int(window),
                     negative=int(negative), hs=0, sample=float(sample), min_count=int(min_count),
                     epochs=int(epochs), workers=int(threads), alpha=float(alpha), min_alpha=0.0001)
    model.wv.save_word2vec_format(out)


if __name__ == "__main__":
    main()
