package dev.embedkit.train.corpus;

import dev.embedkit.BadInputException;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.vocab.VocabularyBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * A corpus read whole into token IDs, one array per non-empty line, for trainers that revisit positions in
 * random order (the next-token model shuffles minibatches). Words outside the vocabulary become {@code <unk>}, so
 * a context keeps its length. Costs 4 bytes per token plus a small header per line: meant for corpora of up to a
 * few hundred million tokens; positions are int-indexed, hence {@link #MAX_TOKENS}.
 *
 * @param vocabulary {@code <unk>} (ID 0) and the words seen at least min-count times, most frequent first
 * @param sentences  the IDs of each non-empty line
 * @param tokens     Σ sentence lengths
 */
public record TokenizedCorpus(Vocabulary vocabulary, List<int[]> sentences, long tokens) {
    /** Most tokens one corpus may hold here: positions are indexed by int, with room for per-line padding. */
    public static final long MAX_TOKENS = Integer.MAX_VALUE / 2;

    /** Two passes: the vocabulary (min-count, max-vocab, {@code <unk>}), then every line as IDs. */
    public static TokenizedCorpus read(Corpus corpus, WordSplitter splitter, long minCount, int maxVocab) {
        Vocabulary vocabulary = CorpusVocabulary.build(corpus, splitter, new VocabularyBuilder().minCount(minCount)
                .maxSize(maxVocab).mapUnknownTo(Vocabulary.DEFAULT_UNK)).vocabulary();
        WordTokenizer tokenizer = new WordTokenizer(splitter, vocabulary);
        List<int[]> sentences = new ArrayList<>();
        long tokens = 0;
        try (LineSource source = corpus.whole().open()) {
            for (String line = source.nextLine(); line != null; line = source.nextLine()) {
                int[] ids = tokenizer.encode(line);
                if (ids.length == 0) {
                    continue;
                }
                tokens += ids.length;
                if (tokens > MAX_TOKENS) {
                    throw new BadInputException("corpus " + corpus.name() + " has more than " + MAX_TOKENS
                            + " tokens, the most the next-token trainer holds in memory; train on a part of it");
                }
                sentences.add(ids);
            }
        }
        return new TokenizedCorpus(vocabulary, sentences, tokens);
    }
}
