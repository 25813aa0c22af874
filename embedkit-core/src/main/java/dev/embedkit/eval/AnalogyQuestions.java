package dev.embedkit.eval;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Analogy questions in the format of word2vec's questions-words.txt: {@code : section name} lines start a
 * section, every other line is one question "a b c d" (a is to b as c is to d). Blank lines are skipped; a
 * question before the first header, or a line that is not four words, is an error naming the file and line
 * (gensim logs and skips the latter; a malformed line in an evaluation set is more likely a wrong file).
 */
public record AnalogyQuestions(Path source, List<Section> sections) {

    public AnalogyQuestions {
        sections = List.copyOf(sections);
    }

    /** One question, as written in the file, with its 1-based line number. */
    public record Question(int line, String a, String b, String c, String expected) {
        @Override
        public String toString() {
            return a + " " + b + " " + c + " " + expected;
        }
    }

    public record Section(String name, List<Question> questions) {
        public Section {
            questions = List.copyOf(questions);
        }

        /** gensim's and word2vec's convention: the syntactic sections are named "gram…", all others are semantic. */
        public boolean semantic() {
            return !name.startsWith("gram");
        }
    }

    public static AnalogyQuestions read(Path file) {
        List<String> lines = EvalFiles.readLines(file);
        List<Section> sections = new ArrayList<>();
        String name = null;
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(": ")) {
                if (name != null) {
                    sections.add(new Section(name, questions));
                }
                name = stripHeader(line);
                questions = new ArrayList<>();
                continue;
            }
            if (line.isBlank()) {
                continue;
            }
            if (name == null) {
                throw FormatException.atLine(file, i + 1, "a question before the first ': section' header;"
                        + " is this a questions-words.txt file?");
            }
            String[] words = line.strip().split("\\s+");
            if (words.length != 4) {
                throw FormatException.atLine(file, i + 1, "expected 4 words (a b c d: a is to b as c is to d), got "
                        + words.length + ": '" + line.strip() + "'");
            }
            questions.add(new Question(i + 1, words[0], words[1], words[2], words[3]));
        }
        if (name != null) {
            sections.add(new Section(name, questions));
        }
        if (sections.stream().allMatch(s -> s.questions().isEmpty())) {
            throw new BadInputException(file + ": no analogy questions (expected ': section' headers, then lines of 4 words)");
        }
        return new AnalogyQuestions(file, sections);
    }

    /** How many questions in all sections. */
    public int size() {
        return sections.stream().mapToInt(s -> s.questions().size()).sum();
    }

    /** gensim's {@code line.lstrip(': ').strip()}: drops every leading ':' and space, then surrounding whitespace. */
    private static String stripHeader(String line) {
        int start = 0;
        while (start < line.length() && (line.charAt(start) == ':' || line.charAt(start) == ' ')) {
            start++;
        }
        return line.substring(start).strip();
    }
}
