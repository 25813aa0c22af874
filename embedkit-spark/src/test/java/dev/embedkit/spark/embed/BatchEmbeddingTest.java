package dev.embedkit.spark.embed;

import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.Initializer;
import dev.embedkit.io.ModelConfig;
import dev.embedkit.io.ModelDirectory;
import dev.embedkit.search.Neighbor;
import dev.embedkit.search.NeighborIndex;
import dev.embedkit.spark.ExecutorCache;
import dev.embedkit.spark.LocalSpark;
import dev.embedkit.tokenize.WordSplitter;
import dev.embedkit.vocab.Vocabulary;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BatchEmbeddingTest {
    private static final WordSplitter SPLITTER = new WordSplitter(WordSplitter.Mode.PUNCTUATION, true);
    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "a", "dog", "ran", "far", "away"};
    private static final String[] TEXTS = {"The cat sat on the mat.", "A dog ran far away", "cat, dog, cat",
        "unknown words only", null, "mat"};

    @TempDir
    static Path dir;
    private static Path model;
    private static EmbeddingTable table;

    @BeforeAll
    static void writeModel() {
        Vocabulary vocabulary = Vocabulary.of(List.of(WORDS));
        table = new EmbeddingTable(vocabulary, new Initializer.Normal(1).create(WORDS.length, 7, 3));
        model = dir.resolve("model");
        ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER), model);
    }

    private static Dataset<Row> texts() {
        SparkSession spark = LocalSpark.session();
        StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < TEXTS.length; i++) {
            rows.add(RowFactory.create(i, TEXTS[i]));
        }
        return spark.createDataFrame(rows, schema).repartition(3);
    }

    /** The single-machine answer: look each known word up in the table, pool in word order. */
    private static float[] singleMachine(String text, Pooling pooling) {
        int[] ids = text == null ? new int[0] : SPLITTER.split(text).stream()
                .mapToInt(table.vocabulary()::find).filter(id -> id >= 0).toArray();
        return ids.length == 0 ? null : pooling.pool(table.weights(), ids);
    }

    @Test
    void theParquetTableHoldsExactlyTheSingleMachineVectorsAndTheModelIsMappedOncePerJvm() {
        Path fresh = dir.resolve("model-for-parquet"); // a path no other test has opened
        ModelDirectory.save(table, ModelConfig.forTable(table, SPLITTER), fresh);
        int before = ExecutorCache.modelsOpened();
        for (Pooling pooling : Pooling.values()) {
            Path parquet = dir.resolve("vectors-" + pooling);
            BatchEmbedding.embed(texts(), "text", fresh.toString(), pooling).write().parquet(parquet.toString());
            List<Row> read = LocalSpark.session().read().parquet(parquet.toString()).collectAsList();
            assertThat(read).hasSize(TEXTS.length);
            for (Row row : read) {
                String text = TEXTS[row.getInt(0)];
                float[] expected = singleMachine(text, pooling);
                if (expected == null) {
                    assertThat(row.isNullAt(2)).as(text).isTrue();
                } else {
                    List<Float> vector = row.getList(2);
                    assertThat(vector).as(pooling + " " + text).containsExactly(boxed(expected));
                }
            }
        }
        // Three jobs of three partitions each, one model opened (mapped) in this JVM.
        assertThat(ExecutorCache.modelsOpened()).isEqualTo(before + 1);
    }

    @Test
    void nearestTokensJoinEachVectorToTheSingleMachineNeighbours() {
        Dataset<Row> vectors = BatchEmbedding.embed(texts(), "text", model.toString(), Pooling.MEAN);
        List<Row> joined = BatchEmbedding.nearest(vectors, BatchEmbedding.EMBEDDING, model.toString(), 3)
                .collectAsList();
        NeighborIndex index = new NeighborIndex(table);
        for (Row row : joined) {
            String text = TEXTS[row.getInt(0)];
            float[] vector = singleMachine(text, Pooling.MEAN);
            if (vector == null) {
                assertThat(row.isNullAt(3)).isTrue();
                continue;
            }
            List<Row> neighbors = row.getList(3);
            List<Neighbor> expected = index.nearest(vector, 3, Set.of());
            assertThat(neighbors).extracting(n -> n.getString(0)).as(text)
                    .containsExactlyElementsOf(expected.stream().map(Neighbor::token).toList());
            assertThat(neighbors).extracting(n -> n.getFloat(1))
                    .containsExactlyElementsOf(expected.stream().map(Neighbor::score).toList());
            if ("mat".equals(text)) {
                assertThat(neighbors.get(0).getString(0)).isEqualTo("mat");
            }
        }
    }

    private static Float[] boxed(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
