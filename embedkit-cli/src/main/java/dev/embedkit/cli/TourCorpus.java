package dev.embedkit.cli;

import dev.embedkit.story.TieExperiment;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.corpus.Corpus;
import dev.embedkit.train.corpus.TokenizedCorpus;
import dev.embedkit.train.nexttoken.TiedTokens;

import java.nio.file.Path;

/**
 * The corpus the tour's tie experiment trains on ({@code tour --corpus}, {@code serve --tour-corpus}): a text file,
 * a directory of them, or 'bundled', split as {@code train} splits it.
 */
final class TourCorpus {
    /** Tokens seen fewer times become &lt;unk&gt;; at most this many kept, since each measurement is a full softmax. */
    private static final long MIN_COUNT = 5;
    private static final int MAX_VOCABULARY = 5_000;

    private TourCorpus() {
    }

    static TieExperiment open(String spec) {
        boolean bundled = "bundled".equals(spec);
        Corpus corpus = bundled ? Corpus.bundled() : Corpus.open(Path.of(spec));
        WordSplitter splitter = bundled ? new WordSplitter(WordSplitter.Mode.PUNCTUATION, true)
                : new WordSplitter(WordSplitter.Mode.WHITESPACE, false);
        TokenizedCorpus data = TokenizedCorpus.read(corpus, splitter, MIN_COUNT, MAX_VOCABULARY);
        return new TiedTokens(spec, data.vocabulary(), data.sentences(), TiedTokens.defaultSettings());
    }
}
