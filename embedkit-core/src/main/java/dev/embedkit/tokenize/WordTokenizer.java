package dev.embedkit.tokenize;

import dev.embedkit.vocab.Vocabulary;

import java.util.List;

/** Word-level tokenizer: a {@link WordSplitter} for the words, a {@link Vocabulary} for their IDs. */
public final class WordTokenizer implements Tokenizer {
    private final WordSplitter splitter;
    private final Vocabulary vocabulary;

    public WordTokenizer(WordSplitter splitter, Vocabulary vocabulary) {
        this.splitter = splitter;
        this.vocabulary = vocabulary;
    }

    @Override
    public int[] encode(String text) {
        List<String> words = splitter.split(text);
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.id(words.get(i)); // applies the vocabulary's unknown-token policy
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder text = new StringBuilder();
        for (int id : ids) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(vocabulary.token(id));
        }
        return text.toString();
    }

    @Override
    public String token(int id) {
        return vocabulary.token(id);
    }

    /** The words of {@code text}, with unknown words replaced by the unknown token when the policy maps them. */
    @Override
    public List<String> tokenize(String text) {
        return splitter.split(text).stream().map(w -> vocabulary.token(vocabulary.id(w))).toList();
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    public WordSplitter splitter() {
        return splitter;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }
}
