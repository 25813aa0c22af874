package dev.embedkit.eval;

import dev.embedkit.search.AnalogyMethod;

import java.util.List;

/**
 * The outcome of {@link AnalogyEvaluation}: per section, which questions were answered right and which were
 * skipped because a word is outside the searched vocabulary, and the semantic / syntactic / total accuracies.
 * Accuracies count only the questions that were asked (gensim's {@code dummy4unknown=False}); 0 when none was.
 */
public record AnalogyReport(int restrictVocab, AnalogyMethod method, List<SectionResult> sections) {

    public AnalogyReport {
        sections = List.copyOf(sections);
    }

    /** One question that was asked, and the answer given (null when the search had none). */
    public record Outcome(AnalogyQuestions.Question question, String predicted, boolean correct) {
    }

    public record SectionResult(String name, boolean semantic, List<Outcome> outcomes, int oov) {
        public SectionResult {
            outcomes = List.copyOf(outcomes);
        }

        public int correct() {
            return (int) outcomes.stream().filter(Outcome::correct).count();
        }

        /** Questions asked: those whose four words are all in the searched vocabulary. */
        public int asked() {
            return outcomes.size();
        }

        public double accuracy() {
            return ratio(correct(), asked());
        }
    }

    /** Correct / asked over a group of sections. */
    public record Score(int correct, int asked) {
        public double accuracy() {
            return ratio(correct, asked);
        }
    }

    public Score semantic() {
        return score(true);
    }

    public Score syntactic() {
        return score(false);
    }

    public Score total() {
        return new Score(sections.stream().mapToInt(SectionResult::correct).sum(),
                sections.stream().mapToInt(SectionResult::asked).sum());
    }

    /** Questions skipped because a word is outside the searched vocabulary. */
    public int oov() {
        return sections.stream().mapToInt(SectionResult::oov).sum();
    }

    /** All questions in the file, asked or skipped. */
    public int questions() {
        return total().asked() + oov();
    }

    /** gensim's "Quadruplets with out-of-vocabulary words", in percent. */
    public double oovPercent() {
        return questions() == 0 ? 0 : 100.0 * oov() / questions();
    }

    private Score score(boolean semantic) {
        List<SectionResult> group = sections.stream().filter(s -> s.semantic() == semantic).toList();
        return new Score(group.stream().mapToInt(SectionResult::correct).sum(),
                group.stream().mapToInt(SectionResult::asked).sum());
    }

    private static double ratio(int correct, int asked) {
        return asked == 0 ? 0 : (double) correct / asked;
    }
}
