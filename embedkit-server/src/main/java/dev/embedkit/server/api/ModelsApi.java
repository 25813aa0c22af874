package dev.embedkit.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.embedkit.server.Limits;
import dev.embedkit.server.ServedModel;
import dev.embedkit.subword.SubwordModelFiles;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tokenize.WordTokenizer;
import dev.embedkit.train.nexttoken.NextTokenModel;
import dev.embedkit.vocab.Vocabulary;
import io.javalin.http.Context;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Health, the list of models, and what one model is: GET /health, /models, /models/{model}. */
final class ModelsApi {
    private final ApiContext api;
    private final boolean trainingLog;

    ModelsApi(ApiContext api, boolean trainingLog) {
        this.api = api;
        this.trainingLog = trainingLog;
    }

    /** {@code trainingLog}: whether GET /training/log streams (lets a page ask without a 404). */
    record Health(String status, int models, boolean trainingLog, Limits limits) {
    }

    record ModelSummary(String name, String format, int vocabSize, int dim, boolean nextToken) {
    }

    record ModelList(List<ModelSummary> models) {
    }

    /** How text becomes IDs: for word tokenizers the split mode and case handling. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenizerInfo(String kind, String split, Boolean lowercase) {
    }

    record NextTokenInfo(int context, String combine, float[] positionalWeights) {
    }

    /** {@code subwords}: a subword model's n-gram settings {minn, maxn, buckets} (unknown words get vectors), or null. */
    record ModelInfo(String name, String format, int vocabSize, int dim, String dtype, TokenizerInfo tokenizer,
                     String unknownTokenPolicy, String unkToken, List<String> specialTokens, boolean hasCounts,
                     NextTokenInfo nextToken, Map<String, Object> subwords) {
    }

    void health(Context ctx) {
        ctx.json(new Health("ok", api.models().size(), trainingLog, api.limits()));
    }

    void list(Context ctx) {
        ctx.json(new ModelList(api.models().values().stream()
                .sorted(Comparator.comparing(ServedModel::name))
                .map(m -> new ModelSummary(m.name(), m.format(), m.table().vocabularySize(), m.table().dim(),
                        m.nextToken() != null))
                .toList()));
    }

    void info(Context ctx) {
        ServedModel model = api.model(ctx);
        Vocabulary vocabulary = model.table().vocabulary();
        NextTokenModel next = model.nextToken();
        ctx.json(new ModelInfo(model.name(), model.format(), model.table().vocabularySize(), model.table().dim(),
                model.table().weights().dtype().name(), tokenizer(model), vocabulary.policy().name().toLowerCase(Locale.ROOT),
                vocabulary.unkToken(), vocabulary.specialTokens().stream().sorted().toList(), vocabulary.hasCounts(),
                next == null ? null : new NextTokenInfo(next.context(), next.combine().configName(), next.positionalWeights()),
                model.words() instanceof SubwordVectors subwords ? SubwordModelFiles.settings(subwords.ngrams()) : null));
    }

    private static TokenizerInfo tokenizer(ServedModel model) {
        if (model.tokenizer() instanceof WordTokenizer word) {
            return new TokenizerInfo("word", word.splitter().mode().name().toLowerCase(Locale.ROOT), word.splitter().lowercase());
        }
        return new TokenizerInfo(model.tokenizer().getClass().getSimpleName(), null, null);
    }
}
