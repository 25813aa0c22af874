package dev.embedkit.train.nexttoken;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.embed.TokenScore;
import dev.embedkit.embed.Unembedding;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.simd.Kernels;
import dev.embedkit.simd.VectorKernels;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.vocab.Vocabulary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chapter's model: one table E is both the embedding and the unembedding. The previous k tokens' rows are
 * combined into h = Σ_j w[j]·E[id_j], and logits = h·Eᵀ + b score every token as the next one. Contexts shorter
 * than k (the start of a sentence, or a short prompt) are left-padded with {@link #BOS}, in training and
 * prediction alike.
 * <p>The output bias b (one number per token, starting at the log unigram probability) carries how common each
 * token is. Without it the table must carry frequency too, and since h·E[t] is largest for t like the context
 * itself, the tied model mostly predicts the words it has just read: on the bundled corpus its held-out
 * perplexity stayed above the unigram model's.
 */
public final class NextTokenModel {
    /** The pad before a sentence's first token; a special token of the vocabulary, never a target. */
    public static final String BOS = "<bos>";
    /** The bias tensor's name in the model directory's safetensors file, (1, vocab_size). */
    public static final String BIAS_TENSOR = "output.bias";
    static final String MODEL_KIND = "next-token";

    private final Vocabulary vocabulary; // holds BOS
    private final HeapMatrix table;      // E, (vocab_size, dim)
    private final float[] weights;       // w, (context): slot context−1 is the previous token
    private final float[] bias;          // b, (vocab_size)
    private final Combine combine;
    private final int bos;
    private final WordSplitter splitter; // how text was split for training; null if not known

    NextTokenModel(Vocabulary vocabulary, HeapMatrix table, float[] weights, float[] bias, Combine combine,
                   WordSplitter splitter) {
        if (table.rows() != vocabulary.size()) {
            throw new BadInputException("table has " + table.rows() + " rows, vocabulary V=" + vocabulary.size());
        }
        if (bias.length != vocabulary.size()) {
            throw new BadInputException("output bias has " + bias.length + " values, vocabulary V=" + vocabulary.size());
        }
        if (weights.length < 1) {
            throw new BadInputException("a next-token model needs a context of at least 1 token");
        }
        this.bos = vocabulary.find(BOS);
        if (bos < 0) {
            throw new BadInputException("a next-token model's vocabulary needs the pad token " + BOS);
        }
        this.vocabulary = vocabulary;
        this.table = table;
        this.weights = weights;
        this.bias = bias;
        this.combine = combine;
        this.splitter = splitter;
    }

    /** A fresh model: E ~ N(0, 1/d) from {@code seed} (rows of about unit norm), w[j] = 1/k, b = 0. */
    static NextTokenModel initialize(Vocabulary vocabularyWithBos, int dim, int context, Combine combine, long seed) {
        HeapMatrix table = new Initializer.Normal(1 / Math.sqrt(dim)).create(vocabularyWithBos.size(), dim, seed);
        float[] weights = new float[context];
        java.util.Arrays.fill(weights, 1f / context);
        return new NextTokenModel(vocabularyWithBos, table, weights, new float[vocabularyWithBos.size()], combine, null);
    }

    /**
     * b[v] = log((count[v] + 1) / (N + V)), the add-one unigram log probability of the targets, so training
     * starts from the unigram model rather than from uniform; {@code pad} (never a target) counts as 0.
     */
    NextTokenModel withUnigramBias(long[] counts, int pad) {
        long total = 0;
        for (int v = 0; v < counts.length; v++) {
            total += v == pad ? 0 : counts[v];
        }
        float[] unigram = new float[vocabulary.size()];
        for (int v = 0; v < unigram.length; v++) {
            unigram[v] = (float) Math.log(((v == pad ? 0 : counts[v]) + 1.0) / (total + unigram.length));
        }
        return new NextTokenModel(vocabulary, table, weights, unigram, combine, splitter);
    }

    /** {@code vocabulary} itself if it holds {@link #BOS}, otherwise the same tokens with BOS appended (ID V). */
    public static Vocabulary withBos(Vocabulary vocabulary) {
        if (vocabulary.contains(BOS)) {
            return vocabulary;
        }
        List<String> tokens = new ArrayList<>(vocabulary.tokens());
        tokens.add(BOS);
        long[] counts = new long[tokens.size()];
        for (int id = 0; id < vocabulary.size(); id++) {
            counts[id] = vocabulary.count(id);
        }
        Set<String> specials = new HashSet<>(vocabulary.specialTokens());
        specials.add(BOS);
        return Vocabulary.of(tokens, counts, specials, vocabulary.unkToken(), vocabulary.policy());
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** E as an embedding table (shares the model's storage): what info, neighbors and embed read. */
    public EmbeddingTable table() {
        return new EmbeddingTable(vocabulary, table);
    }

    public int dim() {
        return table.cols();
    }

    /** k, the number of previous tokens the model reads. */
    public int context() {
        return weights.length;
    }

    public Combine combine() {
        return combine;
    }

    /** A copy of w, (context), oldest slot first. */
    public float[] positionalWeights() {
        return weights.clone();
    }

    public int bosId() {
        return bos;
    }

    /** The splitter the model's text was split with (recorded in its directory), or null if not known. */
    public WordSplitter splitter() {
        return splitter;
    }

    /** The same model with a known splitter (needed for {@link #predict(String, int, double)} and saving). */
    public NextTokenModel withSplitter(WordSplitter newSplitter) {
        return new NextTokenModel(vocabulary, table, weights, bias, combine, newSplitter);
    }

    float[] tableData() {
        return table.data();
    }

    float[] weightsData() {
        return weights;
    }

    float[] biasData() {
        return bias;
    }

    /** A copy of b, (vocab_size). */
    public float[] outputBias() {
        return bias.clone();
    }

    /** The last k of {@code ids}, left-padded with BOS when there are fewer: the context the model reads. */
    public int[] context(int[] ids) {
        int k = context();
        int[] context = new int[k];
        for (int j = 0; j < k; j++) {
            int source = ids.length - k + j;
            context[j] = source < 0 ? bos : ids[source];
        }
        for (int id : context) {
            vocabulary.checkId(id);
        }
        return context;
    }

    /** h = Σ_j w[j]·E[context_j] for the context of {@code ids}, (dim). */
    public float[] hidden(int[] ids) {
        float[] h = new float[dim()];
        ContextCombination.forward(Kernels.get(), table.data(), dim(), context(ids), 0, weights, h);
        return h;
    }

    /** The {@code k} likeliest next tokens after {@code ids}, through the tied unembedding (logits = h·Eᵀ + b). */
    public List<TokenScore> predict(int[] ids, int k, double temperature) {
        return Unembedding.tied(table()).withBias(bias).topK(hidden(ids), k, temperature);
    }

    /** {@link #predict(int[], int, double)} after splitting {@code text} as the training text was. */
    public List<TokenScore> predict(String text, int k, double temperature) {
        return predict(tokenizer().encode(text), k, temperature);
    }

    /** The word tokenizer this model was trained with. */
    public WordTokenizer tokenizer() {
        if (splitter == null) {
            throw new BadInputException("this next-token model does not know how to split text (no word splitter)");
        }
        return new WordTokenizer(splitter, vocabulary);
    }

    /** Mean full-softmax cross-entropy (nats per token) of predicting every token of {@code sentences}. */
    public double loss(List<int[]> sentences) {
        return meanLoss(Positions.of(sentences, 0, sentences.size(), context(), bos, vocabulary.size()), Kernels.get());
    }

    double meanLoss(Positions positions, VectorKernels kernels) {
        if (positions.size() == 0) {
            return Double.NaN;
        }
        float[] h = new float[dim()];
        float[] probs = new float[vocabulary.size()];
        double sum = 0;
        for (int p : positions.positions()) {
            ContextCombination.forward(kernels, table.data(), dim(), positions.tokens(), p - context(), weights, h);
            sum += FullSoftmaxLoss.forward(kernels, table.data(), bias, vocabulary.size(), dim(), h, positions.tokens()[p], probs);
        }
        return sum / positions.size();
    }

    /** Saves as a model directory, with the splitter this model knows. */
    public void save(Path dir) {
        save(dir, Map.of());
    }

    /**
     * Saves as a model directory (info, neighbors and embed read it like any other); config.json records
     * {"model":"next-token","context":k,"combine":…,"positional_weights":[…],"bos_token":"&lt;bos&gt;"}, then
     * {@code moreExtra} (training settings, provenance).
     */
    public void save(Path dir, Map<String, Object> moreExtra) {
        if (splitter == null) {
            throw new BadInputException("cannot save a next-token model without its word splitter (use withSplitter)");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("model", MODEL_KIND);
        extra.put("context", context());
        extra.put("combine", combine.configName());
        List<Double> w = new ArrayList<>();
        for (float value : weights) {
            w.add(Double.parseDouble(Float.toString(value))); // the shortest decimal that reads back as this float
        }
        extra.put("positional_weights", w);
        extra.put("bos_token", BOS);
        moreExtra.forEach(extra::putIfAbsent);
        EmbeddingTable embeddings = table();
        ModelDirectory.save(embeddings, ModelConfig.forTable(embeddings, splitter).withExtra(extra), dir,
                Map.of(BIAS_TENSOR, new HeapMatrix(1, bias.length, bias)));
    }

    /** Whether a model directory's config says it holds a next-token model (what {@link #load} accepts). */
    public static boolean isNextTokenModel(ModelConfig config) {
        return MODEL_KIND.equals(config.extra().get("model"));
    }

    /** Opens a model directory saved by {@link #save}; the table is copied to the heap. */
    public static NextTokenModel load(Path dir) {
        ModelDirectory directory = ModelDirectory.open(dir);
        ModelConfig config = directory.config();
        Map<String, Object> extra = config.extra();
        if (!isNextTokenModel(config)) {
            throw new BadInputException(dir + " is not a next-token model: its config.json has "
                    + (extra.containsKey("model") ? "\"model\": \"" + extra.get("model") + "\"" : "no \"model\" key")
                    + " (a next-token model has \"model\": \"next-token\"; train one with train --model next-token)");
        }
        int context = number(dir, extra, "context").intValue();
        Combine combine = Combine.parse(String.valueOf(extra.get("combine")));
        if (!(extra.get("positional_weights") instanceof List<?> list) || list.size() != context) {
            throw new BadInputException(dir + ": config.json needs \"positional_weights\", a list of " + context + " numbers");
        }
        float[] weights = new float[context];
        for (int j = 0; j < context; j++) {
            if (!(list.get(j) instanceof Number n)) {
                throw new BadInputException(dir + ": positional_weights[" + j + "] is not a number: " + list.get(j));
            }
            weights[j] = n.floatValue();
        }
        EmbeddingTable table = directory.table();
        MappedMatrix bias = directory.tensor(BIAS_TENSOR);
        if (bias.rows() != 1 || bias.cols() != table.vocabularySize()) {
            throw new BadInputException(dir + ": tensor " + BIAS_TENSOR + " is " + bias.shape() + ", expected (1, "
                    + table.vocabularySize() + ")");
        }
        return new NextTokenModel(table.vocabulary(), table.weights().toHeap(), weights, bias.toHeap().data(), combine,
                config.splitter());
    }

    private static Number number(Path dir, Map<String, Object> extra, String key) {
        if (extra.get(key) instanceof Number n && n.doubleValue() >= 1) {
            return n;
        }
        throw new BadInputException(dir + ": config.json needs \"" + key + "\", a positive integer; found " + extra.get(key));
    }

    @Override
    public String toString() {
        return "NextTokenModel[V=" + vocabulary.size() + ", d=" + dim() + ", k=" + context() + ", " + combine.configName() + "]";
    }
}
