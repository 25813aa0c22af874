package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What config.json of a model directory says about the model (see DESIGN.md). The dtype is not here: it is
 * a property of the stored table, written from it and checked against it.
 *
 * @param vocabSize     V, the number of lines of vocab.txt and rows of the table
 * @param dim           d, the embedding dimension
 * @param tokenizer     "word" (the only one so far), later "gpt2-bpe" or "hf"
 * @param splitter      how the word tokenizer splits text; null for other tokenizers
 * @param unkToken      the token unknown words map to, or null to refuse unknown words
 * @param specialTokens tokens with a special role, in ID order
 * @param extra         every other key of config.json (training settings, provenance), kept verbatim
 */
public record ModelConfig(int vocabSize, int dim, String tokenizer, WordSplitter splitter, String unkToken,
                          List<String> specialTokens, Map<String, Object> extra) {

    /** The keys embedkit itself writes; {@link #extra} may not reuse them. */
    static final Set<String> KEYS = Set.of("format", "version", "vocab_size", "dim", "tokenizer", "word_splitter",
            "dtype", "unk_token", "special_tokens");

    public ModelConfig {
        if (vocabSize < 0 || dim < 1) {
            throw new BadInputException("a model needs vocab_size >= 0 and dim >= 1, got " + vocabSize + " and " + dim);
        }
        if (tokenizer == null) {
            throw new BadInputException("a model config needs a tokenizer name");
        }
        if (tokenizer.equals("word") && splitter == null) {
            throw new BadInputException("the word tokenizer needs a word splitter");
        }
        specialTokens = List.copyOf(specialTokens);
        for (String key : extra.keySet()) {
            if (KEYS.contains(key)) {
                throw new BadInputException("extra config key '" + key + "' is one embedkit writes itself");
            }
        }
        // LinkedHashMap keeps the order of config.json and, unlike Map.copyOf, allows JSON nulls.
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** The config describing {@code table} tokenized by {@code splitter}, with no extra settings. */
    public static ModelConfig forTable(EmbeddingTable table, WordSplitter splitter) {
        Vocabulary vocabulary = table.vocabulary();
        List<String> specials = new ArrayList<>();
        for (int id = 0; id < vocabulary.size(); id++) {
            if (vocabulary.isSpecial(id)) {
                specials.add(vocabulary.token(id));
            }
        }
        return new ModelConfig(table.vocabularySize(), table.dim(), "word", splitter, vocabulary.unkToken(), specials,
                Map.of());
    }

    /** The same config with these extra settings (replacing any there were). */
    public ModelConfig withExtra(Map<String, Object> newExtra) {
        return new ModelConfig(vocabSize, dim, tokenizer, splitter, unkToken, specialTokens, newExtra);
    }
}
