package dev.embedkit.io;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.fasttext.FastTextFormat;
import dev.embedkit.fasttext.FastTextModel;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.tokenize.WordSplitter;

import java.nio.file.Path;
import java.util.Map;

/**
 * Loading and saving embedding tables in any {@link VectorFormat}: the one entry point the CLI and the server use.
 *
 * <p>Formats without a vocabulary (.npy, and .safetensors outside a model directory) load with the decimal row
 * IDs "0", "1", … as tokens, and saving to them drops the tokens. Saving a table as a model directory through
 * this class records a neutral word splitter (whitespace, case kept), since a bare table does not know how its
 * tokens were made; use {@link ModelDirectory#save} to record the real one. A fastText .bin loads as its words'
 * vectors (n-gram rows averaged in); {@link dev.embedkit.fasttext.FastTextFormat} keeps the whole model, for the
 * vectors of words outside the vocabulary. A table saved as one has no subwords.
 */
public final class EmbeddingFiles {
    private static final WordSplitter NEUTRAL_SPLITTER = new WordSplitter(WordSplitter.Mode.WHITESPACE, false);

    private EmbeddingFiles() {
    }

    /** The format of {@code path}, from its content; the file name only breaks ties. */
    public static VectorFormat detect(Path path) {
        return FormatDetector.detect(path);
    }

    /** Detects the format of {@code path} and loads it. */
    public static EmbeddingTable load(Path path) {
        return load(path, detect(path));
    }

    public static EmbeddingTable load(Path path, VectorFormat format) {
        return switch (format) {
            case MODEL_DIR -> ModelDirectory.open(path).table();
            case WORD2VEC_TEXT, FASTTEXT_VEC -> Word2VecText.read(path, true);
            case GLOVE -> Word2VecText.read(path, false);
            case WORD2VEC_BINARY -> Word2VecBinary.read(path);
            case SAFETENSORS -> loadSafetensors(path);
            case NPY -> {
                MappedMatrix matrix = NpyFormat.read(path);
                yield new EmbeddingTable(IdVocabulary.of(matrix.rows()), matrix);
            }
            case FASTTEXT_BIN -> FastTextFormat.read(path).table(); // the words' vectors, n-grams averaged in
        };
    }

    /** Writes {@code table} to {@code path} in {@code format}, atomically: the old file stays until the new one is complete. */
    public static void save(EmbeddingTable table, Path path, VectorFormat format) {
        switch (format) {
            case MODEL_DIR -> ModelDirectory.save(table, ModelConfig.forTable(table, NEUTRAL_SPLITTER), path);
            case WORD2VEC_TEXT, FASTTEXT_VEC, GLOVE -> Word2VecText.write(table, path, format);
            case WORD2VEC_BINARY -> Word2VecBinary.write(table, path);
            case SAFETENSORS -> SafetensorsFile.write(path, Map.of(SafetensorsFile.EMBEDDING_TENSOR, table.weights()));
            case NPY -> NpyFormat.write(path, table.weights());
            case FASTTEXT_BIN -> FastTextFormat.write(FastTextModel.ofTable(table), path);
        }
    }

    /** The token embedding by its usual names (see {@link EmbeddingTensorNames}), or else the file's only 2-D tensor. */
    private static EmbeddingTable loadSafetensors(Path path) {
        SafetensorsFile file = SafetensorsFile.open(path);
        MappedMatrix matrix = file.tensor(EmbeddingTensorNames.findInput(path, file.shapes(), null));
        return new EmbeddingTable(IdVocabulary.of(matrix.rows()), matrix);
    }
}
