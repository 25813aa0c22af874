package dev.embedkit.eval;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Word pairs with a human similarity score, as in WordSim-353 or SimLex-999: one pair a line,
 * {@code word1 word2 score}, separated by tabs (gensim's default delimiter) or, on a line without a tab, by spaces.
 * Lines starting with {@code #} and blank lines are skipped; any other line that is not two words and a finite
 * number is an error naming the file and line (gensim logs and skips it).
 */
public record WordPairs(Path source, List<Pair> pairs) {

    public WordPairs {
        pairs = List.copyOf(pairs);
    }

    public record Pair(int line, String a, String b, double score) {
    }

    public static WordPairs read(Path file) {
        List<String> lines = EvalFiles.readLines(file);
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.indexOf('\t') >= 0 ? line.split("\t", -1) : line.strip().split(" +");
            if (fields.length != 3) {
                throw FormatException.atLine(file, i + 1, "expected 3 fields (word1, word2, score) separated by tabs"
                        + " or spaces, got " + fields.length + ": '" + line.strip() + "'");
            }
            String a = fields[0].strip();
            String b = fields[1].strip();
            if (a.isEmpty() || b.isEmpty()) {
                throw FormatException.atLine(file, i + 1, "a word is empty: '" + line.strip() + "'");
            }
            double score;
            try {
                score = Double.parseDouble(fields[2].strip());
            } catch (NumberFormatException e) {
                throw FormatException.atLine(file, i + 1, "the score '" + fields[2].strip() + "' is not a number");
            }
            if (!Double.isFinite(score)) {
                throw FormatException.atLine(file, i + 1, "the score is " + score + "; scores must be finite");
            }
            pairs.add(new Pair(i + 1, a, b, score));
        }
        if (pairs.isEmpty()) {
            throw new BadInputException(file + ": no word pairs (expected lines 'word1<TAB>word2<TAB>score')");
        }
        return new WordPairs(file, pairs);
    }
}
