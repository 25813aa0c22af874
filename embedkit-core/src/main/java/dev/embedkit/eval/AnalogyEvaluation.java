package dev.embedkit.eval;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.search.Analogies;
import dev.embedkit.search.AnalogyMethod;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Analogy accuracy as gensim 4.2's {@code KeyedVectors.evaluate_word_analogies(questions, restrict_vocab,
 * case_insensitive=True, dummy4unknown=False)} computes it, which is word2vec's compute-accuracy:
 * <ul>
 * <li>only the first {@code restrictVocab} tokens are searched (vocabularies are sorted by frequency), and a
 *     question with a word outside them is skipped and counted as OOV;</li>
 * <li>words are compared uppercased; a question word stands for the first token that spells it in any case;</li>
 * <li>the answer is the best of the 5 nearest tokens to b − a + c (3CosAdd over unit vectors; 3CosMul on request)
 *     that is not one of the three question rows and does not spell a question word in another case; if all 5
 *     do, gensim keeps the 5th, and so do we.</li>
 * </ul>
 * All questions of a section are answered in one batch ({@link Analogies#solveAll}).
 */
public final class AnalogyEvaluation {
    /** The peers' convention (see the README beside questions-words.txt). */
    public static final int DEFAULT_RESTRICT = 30_000;
    // gensim asks most_similar for topn=5 and walks those.
    private static final int CANDIDATES = 5;

    private AnalogyEvaluation() {
    }

    public static AnalogyReport evaluate(EmbeddingTable table, Path questions, int restrictVocab, AnalogyMethod method) {
        return evaluate(table, AnalogyQuestions.read(questions), restrictVocab, method);
    }

    public static AnalogyReport evaluate(EmbeddingTable table, AnalogyQuestions questions, int restrictVocab,
                                         AnalogyMethod method) {
        if (restrictVocab < 1) {
            throw new BadInputException("restrict_vocab must be at least 1, got " + restrictVocab);
        }
        RestrictedVocabulary vocabulary = new RestrictedVocabulary(table.vocabulary(), restrictVocab);
        Analogies analogies = new Analogies(new NeighborIndex(table.head(vocabulary.size())));
        List<AnalogyReport.SectionResult> results = new ArrayList<>();
        for (AnalogyQuestions.Section section : questions.sections()) {
            List<AnalogyQuestions.Question> asked = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            for (AnalogyQuestions.Question q : section.questions()) {
                int a = vocabulary.find(q.a());
                int b = vocabulary.find(q.b());
                int c = vocabulary.find(q.c());
                if (a >= 0 && b >= 0 && c >= 0 && vocabulary.find(q.expected()) >= 0) {
                    asked.add(q);
                    ids.add(new int[] {a, b, c});
                }
            }
            List<List<Neighbor>> answers = analogies.solveAll(ids.toArray(int[][]::new), CANDIDATES, method);
            List<AnalogyReport.Outcome> outcomes = new ArrayList<>(asked.size());
            for (int i = 0; i < asked.size(); i++) {
                outcomes.add(judge(asked.get(i), answers.get(i)));
            }
            results.add(new AnalogyReport.SectionResult(section.name(), section.semantic(), outcomes,
                    section.questions().size() - asked.size()));
        }
        return new AnalogyReport(restrictVocab, method, results);
    }

    /** gensim's loop over the candidates: the first whose spelling is not a question word's, else the last one. */
    private static AnalogyReport.Outcome judge(AnalogyQuestions.Question question, List<Neighbor> candidates) {
        Set<String> ignore = new HashSet<>(List.of(RestrictedVocabulary.key(question.a()),
                RestrictedVocabulary.key(question.b()), RestrictedVocabulary.key(question.c()))); // may repeat
        String predicted = null;
        String predictedKey = null;
        for (Neighbor candidate : candidates) {
            predicted = candidate.token();
            predictedKey = RestrictedVocabulary.key(predicted);
            if (!ignore.contains(predictedKey)) {
                break;
            }
        }
        boolean correct = RestrictedVocabulary.key(question.expected()).equals(predictedKey);
        return new AnalogyReport.Outcome(question, predicted, correct);
    }
}
