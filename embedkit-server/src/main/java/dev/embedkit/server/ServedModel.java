package dev.embedkit.server;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.search.Analogies;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.server.projection.Projections;
import dev.embedkit.tokenize.Tokenizer;
import dev.embedkit.train.nexttoken.NextTokenModel;

import java.util.regex.Pattern;

/**
 * One model the server answers for, under a URL-safe name. Everything here is read-only once built (the table,
 * the tokenizer, {@link NeighborIndex}, {@link Unembedding}, {@link Analogies} are immutable), so one instance
 * serves any number of concurrent requests; the derived structures are built on first use. Its {@link WordVectors}
 * turn query words into vectors: the table's rows, and for a subword model an unknown word's n-gram vector.
 */
public final class ServedModel {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final String name;
    private final String format;
    private final EmbeddingTable table;
    private final WordVectors words;
    private final Tokenizer tokenizer;
    private final NextTokenModel nextToken; // null unless the model predicts next tokens
    private final Lazy<NeighborIndex> index;
    private final Lazy<Analogies> analogies;
    private final Lazy<Unembedding> unembedding;
    private final Projections projections;

    /**
     * @param format    what the model was read from, for the info endpoint ("model", "word2vec-text", …)
     * @param nextToken the next-token model the table belongs to, or null
     */
    public ServedModel(String name, String format, EmbeddingTable table, Tokenizer tokenizer, NextTokenModel nextToken) {
        this(name, format, table, tokenizer, nextToken, () -> Unembedding.tied(table));
    }

    /**
     * @param output how the model scores a hidden state against the vocabulary, built on first use: a checkpoint's
     *               untied lm_head, or the table itself
     */
    public ServedModel(String name, String format, EmbeddingTable table, Tokenizer tokenizer, NextTokenModel nextToken,
                       java.util.function.Supplier<Unembedding> output) {
        this(name, format, WordVectors.of(table), tokenizer, nextToken, output);
    }

    /**
     * @param words the model's words and their vectors ({@code words.table()} is the table served): a subword
     *              model's give unknown words their n-gram vectors
     */
    public ServedModel(String name, String format, WordVectors words, Tokenizer tokenizer, NextTokenModel nextToken,
                       java.util.function.Supplier<Unembedding> output) {
        EmbeddingTable table = words.table();
        this.name = checkName(name);
        this.format = format;
        this.table = table;
        this.words = words;
        this.tokenizer = tokenizer;
        this.nextToken = nextToken;
        this.index = new Lazy<>(() -> new NeighborIndex(table));
        this.analogies = new Lazy<>(() -> new Analogies(index.get()));
        this.unembedding = new Lazy<>(output);
        this.projections = new Projections(table);
    }

    /** Names appear in URLs: letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit. */
    public static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new BadInputException("model name '" + name + "' is not usable in a URL: use letters, digits, '.', '_'"
                    + " and '-' (at most 64, starting with a letter or digit), e.g. name=PATH");
        }
        return name;
    }

    /** The default name of a model read from {@code fileName}: the name without its extension ("royals.vec" → "royals"). */
    public static String defaultName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    public String name() {
        return name;
    }

    public String format() {
        return format;
    }

    public EmbeddingTable table() {
        return table;
    }

    /** Query words to vectors: rows, and for a subword model unknown words' n-gram vectors. */
    public WordVectors words() {
        return words;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The next-token model, or null if this model only embeds. */
    public NextTokenModel nextToken() {
        return nextToken;
    }

    public NeighborIndex neighborIndex() {
        return index.get();
    }

    public Analogies analogies() {
        return analogies.get();
    }

    /** The unembedding: logits = h·Wᵀ, W the table itself (tied) or the checkpoint's output matrix. */
    public Unembedding unembedding() {
        return unembedding.get();
    }

    public Projections projections() {
        return projections;
    }
}
