package dev.embedkit.spark.embed;

import dev.embedkit.BadInputException;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.spark.ExecutorCache;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * Spark columns backed by an embedkit model directory. The directory must be readable at the same path on every
 * executor (a shared file system, or shipped with {@code --files}); each executor JVM memory-maps it once
 * ({@link ExecutorCache}), and every task of that executor reads the same pages.
 */
public final class BatchEmbedding {
    public static final String EMBEDDING = "embedding";
    public static final String NEIGHBORS = "neighbors";

    /** array&lt;float&gt; without nulls: what an embedding column holds. */
    static final DataType VECTOR = DataTypes.createArrayType(DataTypes.FloatType, false);
    private static final DataType NEIGHBOR_LIST = DataTypes.createArrayType(DataTypes.createStructType(new StructField[] {
            DataTypes.createStructField("token", DataTypes.StringType, false),
            DataTypes.createStructField("score", DataTypes.FloatType, false)}), false);

    private BatchEmbedding() {
    }

    /**
     * Adds {@link #EMBEDDING}, the pooled rows of the known words of {@code textColumn} (null when the text has no
     * known word). Words are split as the model was trained; words outside its vocabulary are skipped.
     */
    public static Dataset<Row> embed(Dataset<Row> rows, String textColumn, String modelDir, Pooling pooling) {
        String path = checkedModel(modelDir);
        UDF1<String, float[]> vector = text -> {
            int[] known = knownIds(path, text);
            return known.length == 0 ? null : pooling.pool(ExecutorCache.model(path).table().weights(), known);
        };
        return rows.withColumn(EMBEDDING, udf(vector, VECTOR).apply(col(textColumn)));
    }

    /**
     * Adds {@link #NEIGHBORS}: the {@code k} tokens whose rows have the highest cosine with the vector in
     * {@code vectorColumn} (array&lt;float&gt; of the model's dimension), best first, as (token, score) structs.
     */
    public static Dataset<Row> nearest(Dataset<Row> rows, String vectorColumn, String modelDir, int k) {
        String path = checkedModel(modelDir);
        NeighborIndex.checkK(k);
        UDF1<scala.collection.Seq<?>, Row[]> neighbors = vector -> {
            if (vector == null) {
                return null;
            }
            NeighborIndex index = ExecutorCache.neighbors(path);
            float[] query = new float[vector.length()];
            if (query.length != index.table().dim()) {
                throw new BadInputException("column " + vectorColumn + " holds a vector of " + query.length
                        + " values; the model at " + path + " has dim " + index.table().dim());
            }
            for (int d = 0; d < query.length; d++) {
                query[d] = (Float) vector.apply(d);
            }
            List<Neighbor> nearest = index.nearest(query, k, Set.of());
            return nearest.stream().map(n -> RowFactory.create(n.token(), n.score())).toArray(Row[]::new);
        };
        return rows.withColumn(NEIGHBORS, udf(neighbors, NEIGHBOR_LIST).apply(col(vectorColumn)));
    }

    /** Opens the model on the driver too, so a wrong path or a subword model fails before any task starts. */
    private static String checkedModel(String modelDir) {
        String path = Path.of(modelDir).toAbsolutePath().toString();
        if (ExecutorCache.model(path).config().splitter() == null) {
            throw new BadInputException(path + " has no word splitter in its config.json: batch embedding needs a "
                    + "word-level model (one trained or converted by embedkit)");
        }
        return path;
    }

    private static int[] knownIds(String path, String text) {
        if (text == null) {
            return new int[0];
        }
        ModelDirectory model = ExecutorCache.model(path);
        WordSplitter splitter = model.config().splitter();
        Vocabulary vocabulary = model.table().vocabulary();
        return splitter.split(text).stream().mapToInt(vocabulary::find).filter(id -> id >= 0).toArray();
    }
}
