package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.vocab.Vocabulary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * vocab.txt of a model directory: one token per line, the line number (from 0) is the ID; the token's corpus
 * count follows a tab when the vocabulary has counts. Tokens may contain spaces, not tabs or line breaks.
 */
final class VocabFile {
    private VocabFile() {
    }

    /**
     * The tokens and counts of {@code file}; an array of counts that is all zeros when the file has none. Token i
     * is on line i + 1 (blank lines are errors); repeated tokens are found by {@link #vocabulary}.
     */
    record Entries(List<String> tokens, long[] counts) {
    }

    static Entries read(Path file) {
        List<String> tokens = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        try (LineReader lines = new LineReader(file)) {
            for (String line = lines.next(); line != null; line = lines.next()) {
                long lineNumber = lines.lineNumber();
                int tab = line.indexOf('\t');
                String token = tab < 0 ? line : line.substring(0, tab);
                long count = tab < 0 ? 0 : count(file, lineNumber, line.substring(tab + 1));
                if (token.isEmpty()) {
                    throw FormatException.atLine(file, lineNumber, "empty token");
                }
                tokens.add(token);
                counts.add(count);
            }
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
        return new Entries(tokens, counts.stream().mapToLong(Long::longValue).toArray());
    }

    /** {@code build.get()}; a token {@code build} refuses as repeated is an error naming both lines of {@code file}. */
    static Vocabulary vocabulary(Path file, Entries entries, Supplier<Vocabulary> build) {
        return TokenDuplicates.build(entries.tokens(), build, (token, first, second) -> FormatException.atLine(file,
                second + 1L, "duplicate token '" + token + "': it is also on line " + (first + 1L)));
    }

    /** Checks every token can be written, before any file is created. */
    static void check(Vocabulary vocabulary) {
        for (int id = 0; id < vocabulary.size(); id++) {
            String token = vocabulary.token(id);
            if (token.isEmpty() || token.indexOf('\t') >= 0 || token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
                throw new BadInputException("token " + id + " '" + token.replace("\t", "\\t").replace("\n", "\\n")
                        .replace("\r", "\\r") + "' cannot be stored in vocab.txt: tokens must be non-empty and hold no"
                        + " tab or line break");
            }
        }
    }

    static void write(Path file, Vocabulary vocabulary) throws IOException {
        boolean withCounts = vocabulary.hasCounts();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int id = 0; id < vocabulary.size(); id++) {
                out.write(vocabulary.token(id));
                if (withCounts) {
                    out.write("\t" + vocabulary.count(id));
                }
                out.write('\n');
            }
        }
    }

    private static long count(Path file, long line, String text) {
        try {
            long count = Long.parseLong(text);
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below, with the line
        }
        throw FormatException.atLine(file, line, "the count after the tab, '" + text + "', is not a non-negative integer");
    }
}
