package dev.embedkit.spark;

import dev.embedkit.tokenize.WordSplitter;

import java.io.Serializable;
import java.util.List;

/** How executors turn a line of text into token strings: embedkit's word splitter or a subword tokenizer. */
public sealed interface TokenSource extends Serializable {

    List<String> tokens(String line);

    /** Words as {@code splitter} splits them (what {@code embedkit train} counts). */
    static TokenSource words(WordSplitter splitter) {
        return new Words(splitter.mode(), splitter.lowercase());
    }

    /** The token strings of the tokenizer at {@code path}, which every executor must be able to read. */
    static TokenSource subwords(String path) {
        return new Subwords(path);
    }

    /** The splitter's parts, as WordSplitter itself does not travel (it is not Serializable). */
    record Words(WordSplitter.Mode mode, boolean lowercase) implements TokenSource {
        @Override
        public List<String> tokens(String line) {
            return new WordSplitter(mode, lowercase).split(line);
        }
    }

    record Subwords(String path) implements TokenSource {
        @Override
        public List<String> tokens(String line) {
            return ExecutorCache.tokenizer(path).tokenize(line);
        }
    }
}
