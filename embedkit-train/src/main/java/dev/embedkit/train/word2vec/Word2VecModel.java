package dev.embedkit.train.word2vec;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.subword.SubwordModelFiles;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.train.corpus.CorpusVocabulary;
import dev.embedkit.vocab.Vocabulary;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained word2vec model: the input vectors are the embeddings (what word2vec writes); the output vectors are
 * kept for checkpoints and for anyone who wants word2vec's "context" side. A model trained with character n-grams
 * has {@code subwords}: its words' vectors are their rows averaged with their n-grams' rows.
 *
 * @param vocabulary    the words, most frequent first, with their counts
 * @param inputVectors  (V, d) word2vec's syn0
 * @param outputVectors (V, d) word2vec's syn1neg
 * @param settings      how it was trained
 * @param splitter      how the corpus was split into words (queries must be split the same way)
 * @param corpus        the corpus name, for provenance
 * @param seconds       training time, without the vocabulary pass
 * @param subwords      the words' rows with the n-gram bucket rows ({@code inputVectors} are the words' own rows),
 *                      or null for a model without subwords
 */
public record Word2VecModel(Vocabulary vocabulary, HeapMatrix inputVectors, HeapMatrix outputVectors,
                            Word2VecSettings settings, WordSplitter splitter, String corpus, double seconds,
                            SubwordVectors subwords) {

    /** The words' vectors: the input rows, or with subwords each word's mean of its row and its n-grams' rows. */
    public EmbeddingTable table() {
        return subwords != null ? subwords.table() : new EmbeddingTable(vocabulary, inputVectors);
    }

    /** config.json for the model directory; "training" records every setting, so a run can be repeated. */
    public ModelConfig config() {
        Map<String, Object> training = new LinkedHashMap<>(settings.toMap());
        training.put("corpus", corpus);
        training.put("train_words", CorpusVocabulary.trainWords(vocabulary));
        return ModelConfig.forTable(table(), splitter).withExtra(Map.of("training", training));
    }

    /** Writes the model directory atomically (see {@link ModelDirectory#save}). */
    public void save(Path dir) {
        if (subwords != null) {
            SubwordModelFiles.save(subwords, config(), dir);
        } else {
            ModelDirectory.save(table(), config(), dir);
        }
    }

    /** Writes a model trained over the tokens of the tokenizer in {@code tokenizerDir}, keeping a copy of it. */
    public void save(Path dir, Path tokenizerDir) {
        ModelDirectory.save(table(), config(), dir, tokenizerDir);
    }
}
