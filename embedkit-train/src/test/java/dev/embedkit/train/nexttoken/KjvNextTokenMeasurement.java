package dev.embedkit.train.nexttoken;

import dev.embedkit.corpus.BundledCorpus;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.vocab.Vocabulary;
import dev.embedkit.vocab.VocabularyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a unit test: trains the tied next-token model on the bundled KJV corpus (about a minute) and prints held-out
 * perplexity per epoch and a few predictions. Runs only when asked:
 * <pre>
 * EMBEDKIT_KJV_RUN=1 mvn -B -q -o -pl embedkit-core,embedkit-train test -Dtest=KjvNextTokenMeasurement \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Optional: KJV_EPOCHS, KJV_DIM, KJV_CONTEXT, KJV_LR, KJV_BATCH, KJV_SOFTMAX (full|sampled|auto), KJV_NEGATIVES,
 * KJV_COMBINE (mean|positional), KJV_OUT (model directory, default target/kjv-next-token).
 */
@EnabledIfEnvironmentVariable(named = "EMBEDKIT_KJV_RUN", matches = "1")
class KjvNextTokenMeasurement {

    @Test
    void trainOnTheBundledCorpus() {
        long start = System.nanoTime();
        WordSplitter splitter = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);
        List<String> lines = BundledCorpus.lines();
        VocabularyBuilder builder = new VocabularyBuilder().minCount(5).maxSize(5000).mapUnknownTo("<unk>");
        List<List<String>> words = new ArrayList<>();
        for (String line : lines) {
            List<String> split = splitter.split(line);
            words.add(split);
            builder.addAll(split);
        }
        Vocabulary vocabulary = builder.build();
        WordTokenizer tokenizer = new WordTokenizer(splitter, vocabulary);
        List<int[]> sentences = new ArrayList<>();
        long tokens = 0;
        for (String line : lines) {
            int[] ids = tokenizer.encode(line);
            tokens += ids.length;
            sentences.add(ids);
        }
        NextTokenSettings settings = NextTokenSettings.defaults()
                .withDim(intEnv("KJV_DIM", 64))
                .withContext(intEnv("KJV_CONTEXT", 3))
                .withCombine(Combine.parse(env("KJV_COMBINE", "positional")))
                .withOptimizer(OptimizerKind.ADAM, Double.parseDouble(env("KJV_LR", "0.003")))
                .withEpochs(intEnv("KJV_EPOCHS", 3))
                .withBatchSize(intEnv("KJV_BATCH", 256))
                .withSoftmax(SoftmaxMode.valueOf(env("KJV_SOFTMAX", "auto").toUpperCase(Locale.ROOT)), intEnv("KJV_NEGATIVES", 64))
                .withHeldOutFraction(0.1);
        System.out.printf(Locale.ROOT, "KJV: %d verses, %d tokens, V=%d (+<bos>), prepared in %.1f s; %s%n",
                sentences.size(), tokens, vocabulary.size(), (System.nanoTime() - start) / 1e9, settings);
        NextTokenModel model = NextTokenTrainer.train(sentences, vocabulary, settings, p -> System.out.printf(Locale.ROOT,
                "epoch %d/%d  steps %d  train loss %.4f (%s)  held-out loss %.4f  perplexity %.2f  (%d positions)  %.1f s%n",
                p.epoch(), p.epochs(), p.steps(), p.trainLoss(), p.softmax(), p.heldOutLoss(), p.heldOutPerplexity(),
                p.heldOutPositions(), p.seconds())).withSplitter(splitter);
        System.out.println("positional weights (oldest first): " + java.util.Arrays.toString(model.positionalWeights()));
        for (String prompt : List.of("the king of", "and god said", "in the")) {
            StringBuilder line = new StringBuilder(prompt + " →");
            for (TokenScore s : model.predict(prompt, 5, 1.0)) {
                line.append(String.format(Locale.ROOT, "  %s (%.3f)", s.token(), s.probability()));
            }
            System.out.println(line);
        }
        Path out = Path.of(env("KJV_OUT", "target/kjv-next-token")).toAbsolutePath();
        model.save(out, Map.of("training", settings.toConfigMap(), "corpus", BundledCorpus.NAME));
        System.out.println("saved " + out);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int intEnv(String name, int fallback) {
        return Integer.parseInt(env(name, Integer.toString(fallback)));
    }
}
