package dev.embedkit.eval;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.ExtraRows;
import dev.embedkit.embed.WordVector;
import dev.embedkit.embed.WordVectors;
import dev.embedkit.search.Analogies;
import dev.embedkit.search.AnalogyMethod;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return evaluate(table, questions, restrictVocab, method, null);
    }

    /**
     * As above, but a question word outside the searched tokens is not a reason to skip when {@code oovVectors}
     * (a subword model; null: none) gives it a non-zero vector: fastText's, from its character n-grams, looked up
     * as the file spells it. The expected answer must still be among the searched tokens, since only they can be
     * answers. Such vectors join the search as extra rows, which are never taken as answers.
     */
    public static AnalogyReport evaluate(EmbeddingTable table, AnalogyQuestions questions, int restrictVocab,
                                         AnalogyMethod method, WordVectors oovVectors) {
        if (restrictVocab < 1) {
            throw new BadInputException("restrict_vocab must be at least 1, got " + restrictVocab);
        }
        RestrictedVocabulary vocabulary = new RestrictedVocabulary(table.vocabulary(), restrictVocab);
        EmbeddingTable searched = table.head(vocabulary.size());
        Analogies analogies = new Analogies(new NeighborIndex(searched));
        List<AnalogyReport.SectionResult> results = new ArrayList<>();
        for (AnalogyQuestions.Section section : questions.sections()) {
            List<AnalogyQuestions.Question> asked = new ArrayList<>();
            List<int[]> ids = new ArrayList<>();
            Map<String, Integer> extraIds = new LinkedHashMap<>(); // OOV word → its row after the searched ones
            List<WordVector> extra = new ArrayList<>();
            for (AnalogyQuestions.Question q : section.questions()) {
                int a = idOrExtra(q.a(), vocabulary, oovVectors, searched.vocabularySize(), extraIds, extra);
                int b = idOrExtra(q.b(), vocabulary, oovVectors, searched.vocabularySize(), extraIds, extra);
                int c = idOrExtra(q.c(), vocabulary, oovVectors, searched.vocabularySize(), extraIds, extra);
                if (a >= 0 && b >= 0 && c >= 0 && vocabulary.find(q.expected()) >= 0) {
                    asked.add(q);
                    ids.add(new int[] {a, b, c});
                }
            }
            List<List<Neighbor>> answers = extra.isEmpty()
                    ? analogies.solveAll(ids.toArray(int[][]::new), CANDIDATES, method)
                    : solveWithExtraRows(searched, extra, ids, method);
            List<AnalogyReport.Outcome> outcomes = new ArrayList<>(asked.size());
            for (int i = 0; i < asked.size(); i++) {
                outcomes.add(judge(asked.get(i), answers.get(i)));
            }
            results.add(new AnalogyReport.SectionResult(section.name(), section.semantic(), outcomes,
                    section.questions().size() - asked.size()));
        }
        return new AnalogyReport(restrictVocab, method, results);
    }

    /** The searched token standing for {@code word}, else the extra row of its OOV vector (added if new), else -1. */
    private static int idOrExtra(String word, RestrictedVocabulary vocabulary, WordVectors oovVectors, int searched,
                                 Map<String, Integer> extraIds, List<WordVector> extra) {
        int id = vocabulary.find(word);
        if (id >= 0 || oovVectors == null) {
            return id;
        }
        Integer known = extraIds.get(word);
        if (known != null) {
            return known;
        }
        WordVector vector = oovVectors.find(word);
        if (vector == null || (vector.oov() && vector.ngrams() == 0)) {
            return -1; // no vector, or fastText's zero vector, which has no direction
        }
        extraIds.put(word, searched + extra.size());
        extra.add(vector);
        return searched + extra.size() - 1;
    }

    /**
     * Searches the searched rows plus the extra ones, asking for as many more candidates as there are extra rows,
     * then drops the extra rows: what remains, best first, is what a search of the searched rows alone would give.
     */
    private static List<List<Neighbor>> solveWithExtraRows(EmbeddingTable searched, List<WordVector> extra,
                                                           List<int[]> ids, AnalogyMethod method) {
        Analogies analogies = new Analogies(new NeighborIndex(ExtraRows.append(searched, extra)));
        List<List<Neighbor>> found = analogies.solveAll(ids.toArray(int[][]::new), CANDIDATES + extra.size(), method);
        List<List<Neighbor>> answers = new ArrayList<>(found.size());
        for (List<Neighbor> candidates : found) {
            answers.add(candidates.stream().filter(n -> n.id() < searched.vocabularySize()).limit(CANDIDATES).toList());
        }
        return answers;
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
