package dev.embedkit.eval;

import dev.embedkit.embed.Cosine;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.search.AnalogyMethod;
import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.vocab.Vocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Evaluation with n-gram vectors for words outside the searched tokens, checked against a brute-force search. */
class OovVectorsEvaluationTest {
    private static final int RESTRICT = 30;

    @TempDir
    Path dir;

    private static String randomWord(Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = 3 + random.nextInt(4); i < n; i++) {
            word.append("abcdefgh".charAt(random.nextInt(8)));
        }
        return word.toString();
    }

    private static SubwordVectors model(Random random, List<String> words) {
        int dim = 5;
        HeapMatrix rows = HeapMatrix.zeros(words.size(), dim);
        HeapMatrix buckets = HeapMatrix.zeros(23, dim);
        for (HeapMatrix m : List.of(rows, buckets)) {
            for (int i = 0; i < m.data().length; i++) {
                m.data()[i] = (float) random.nextGaussian();
            }
        }
        return new SubwordVectors(Vocabulary.of(words), rows, buckets, new CharNgrams(2, 3, 23));
    }

    @Test
    void questionsWithOovWordsAreAnsweredAsABruteForceSearchWould() throws IOException {
        Random random = new Random(11);
        Set<String> vocabulary = new LinkedHashSet<>();
        while (vocabulary.size() < 40) {
            vocabulary.add(randomWord(random));
        }
        List<String> words = List.copyOf(vocabulary);
        SubwordVectors model = model(random, words);
        List<String> oov = new ArrayList<>();
        while (oov.size() < 10) {
            String word = randomWord(random) + "z"; // 'z' is not in the alphabet above: never a vocabulary word
            if (!oov.contains(word)) {
                oov.add(word);
            }
        }
        StringBuilder file = new StringBuilder(": family\n");
        List<String[]> questions = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            // a from the OOV words or beyond the restricted tokens, b and c searched, the answer searched
            String a = q % 4 == 0 ? words.get(RESTRICT + q % 10) : oov.get(q % oov.size());
            String[] question = {a, words.get(random.nextInt(RESTRICT)), words.get(random.nextInt(RESTRICT)),
                    words.get(random.nextInt(RESTRICT))};
            questions.add(question);
            file.append(String.join(" ", question)).append('\n');
        }
        file.append("aaaz ").append(words.get(0)).append(' ').append(words.get(1)).append(" notaword\n");
        Path path = Files.writeString(dir.resolve("q.txt"), file);
        EmbeddingTable table = model.table();

        AnalogyReport without = AnalogyEvaluation.evaluate(table, path, RESTRICT, AnalogyMethod.ADD);
        assertThat(without.total().asked()).isZero();
        AnalogyReport with = AnalogyEvaluation.evaluate(table, AnalogyQuestions.read(path), RESTRICT, AnalogyMethod.ADD,
                model);
        assertThat(with.total().asked()).isEqualTo(40);
        assertThat(with.oov()).isEqualTo(1); // the answer "notaword" cannot be found
        List<AnalogyReport.Outcome> outcomes = with.sections().getFirst().outcomes();
        for (int q = 0; q < questions.size(); q++) {
            String[] question = questions.get(q);
            assertThat(outcomes.get(q).predicted()).as("question %d", q).isEqualTo(bruteForce(model, question));
        }
    }

    /** The searched token nearest b − a + c over unit vectors, the question's searched words excluded. */
    private static String bruteForce(SubwordVectors model, String[] question) {
        float[] a = unit(model.find(question[0]).values());
        float[] b = unit(model.find(question[1]).values());
        float[] c = unit(model.find(question[2]).values());
        String best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int id = 0; id < RESTRICT; id++) {
            String token = model.vocabulary().token(id);
            if (token.equals(question[0]) || token.equals(question[1]) || token.equals(question[2])) {
                continue;
            }
            float[] row = unit(model.table().weights().row(id));
            double score = 0;
            for (int i = 0; i < row.length; i++) {
                score += row[i] * (b[i] + c[i] - a[i]);
            }
            if (score > bestScore) {
                best = token;
                bestScore = score;
            }
        }
        return best;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / Math.sqrt(norm));
        }
        return u;
    }

    @Test
    void pairsWithOovWordsUseTheirNgramVectors() throws IOException {
        Random random = new Random(5);
        List<String> words = List.of("king", "queen", "apple", "pear");
        SubwordVectors model = model(random, words);
        Path path = Files.writeString(dir.resolve("pairs.tsv"), "king\tqueen\t9\nkings\tqueens\t8\napple\tpears\t2\n"
                + "king\tapple\t1\n");
        assertThat(SimilarityEvaluation.evaluate(model.table(), path, 100).used()).isEqualTo(2);
        SimilarityReport with = SimilarityEvaluation.evaluate(model.table(), WordPairs.read(path), 100, model);
        assertThat(with.used()).isEqualTo(4);
        assertThat(with.oov()).isZero();
        double[] cosines = {
                Cosine.between(model.vector("king"), model.vector("queen")),
                Cosine.between(model.vector("kings"), model.vector("queens")),
                Cosine.between(model.vector("apple"), model.vector("pears")),
                Cosine.between(model.vector("king"), model.vector("apple"))};
        assertThat(with.pearson()).isCloseTo(Correlation.pearson(new double[]{9, 8, 2, 1}, cosines),
                org.assertj.core.data.Offset.offset(1e-12));
    }
}
