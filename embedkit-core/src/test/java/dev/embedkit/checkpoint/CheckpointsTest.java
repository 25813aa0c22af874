package dev.embedkit.checkpoint;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tensor.MappedMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import static dev.embedkit.checkpoint.CheckpointFixtures.assertSameValues;
import static dev.embedkit.checkpoint.CheckpointFixtures.expected;
import static dev.embedkit.checkpoint.CheckpointFixtures.path;
import static dev.embedkit.checkpoint.CheckpointFixtures.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void gpt2FolderFindsWteTakesTokensFromVocabJsonAndIsTied() {
        Checkpoint gpt2 = Checkpoints.open(path("gpt2"));
        assertThat(gpt2.format()).isEqualTo("hf-safetensors");
        assertThat(gpt2.embeddingTensor()).isEqualTo("wte.weight");
        assertThat(gpt2.table().weights()).isInstanceOf(MappedMatrix.class);
        assertSameValues(gpt2.table().weights(), expected("gpt2", "wte"));
        assertThat(gpt2.table().vocabulary().tokens()).isEqualTo(strings(expected("gpt2", "tokens")));
        assertThat(gpt2.vocabularySource()).isEqualTo("vocab.json");
        assertThat(gpt2.tied()).isTrue();
        assertThat(gpt2.tensors()).extracting(Checkpoint.TensorSummary::name)
                .containsExactly("wpe.weight", "wte.weight", "h.0.ln_1.weight");
        assertThat(gpt2.metadata()).containsEntry("model_type", "gpt2").containsEntry("__metadata__.format", "pt");
        float[] h = gpt2.table().lookup(3);
        assertThat(gpt2.unembedding().topK(h, 1, 1.0).getFirst().token()).isEqualTo("\u0120cat");
    }

    @Test
    void bareF16AndBf16FilesStayMappedInTheirDtype() {
        Checkpoint half = Checkpoints.open(path("gpt2-f16.safetensors"));
        assertThat(half.format()).isEqualTo("safetensors");
        assertThat(half.table().weights().dtype()).isEqualTo(DType.F16);
        assertSameValues(half.table().weights(), expected("gpt2", "wte_f16"));
        assertThat(half.table().vocabulary().token(7)).isEqualTo("7");
        Checkpoint brain = Checkpoints.open(path("gpt2-bf16.safetensors"));
        assertThat(brain.table().weights().dtype()).isEqualTo(DType.BF16);
        assertSameValues(brain.table().weights(), expected("gpt2", "wte_bf16"));
    }

    @Test
    void llamaFolderIsUntiedAndUnembedsWithLmHead() {
        Checkpoint llama = Checkpoints.open(path("llama"));
        assertThat(llama.embeddingTensor()).isEqualTo("model.embed_tokens.weight");
        assertThat(llama.outputTensor()).isEqualTo("lm_head.weight");
        assertThat(llama.tied()).isFalse();
        assertSameValues(llama.table().weights(), expected("llama", "embed_tokens"));
        assertSameValues(llama.output().orElseThrow(), expected("llama", "lm_head"));
        // model.vocab holds IDs 0..6; added_tokens adds <pad> as ID 7
        assertThat(llama.table().vocabulary().tokens()).isEqualTo(strings(expected("llama", "tokens")));
        float[] h = {1, 0, 0, 0};
        float[] logits = llama.unembedding().logits(h);
        for (int id = 0; id < logits.length; id++) {
            assertThat(logits[id]).isEqualTo((float) expected("llama", "lm_head").get(id).get(0).doubleValue());
        }
    }

    @Test
    void aCheckpointThatSaysItIsTiedIsTiedEvenIfItStoresLmHead() throws IOException {
        Path folder = copy("llama");
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"llama\", \"tie_word_embeddings\": true}");
        Checkpoint tied = Checkpoints.open(folder);
        assertThat(tied.tied()).isTrue();
        assertThat(tied.outputTensor()).isNull();
        Checkpoint forced = Checkpoints.open(folder, new Checkpoints.Options(null, "lm_head.weight"));
        assertSameValues(forced.output().orElseThrow(), expected("llama", "lm_head"));
    }

    @Test
    void shardedFolderReadsTheSameTensorsThroughTheIndex() {
        Checkpoint sharded = Checkpoints.open(path("llama-sharded"));
        assertSameValues(sharded.table().weights(), expected("llama", "embed_tokens"));
        assertSameValues(sharded.output().orElseThrow(), expected("llama", "lm_head"));
        assertThat(sharded.tensors()).hasSize(3);
    }

    @Test
    void bertFolderTakesWordEmbeddingsNotPositionsAndTokensFromVocabTxt() {
        Checkpoint bert = Checkpoints.open(path("bert"));
        assertThat(bert.embeddingTensor()).isEqualTo("bert.embeddings.word_embeddings.weight");
        assertSameValues(bert.table().weights(), expected("bert", "word_embeddings"));
        assertThat(bert.table().vocabulary().tokens()).isEqualTo(strings(expected("bert", "tokens")));
    }

    @Test
    void anExplicitTensorNameWins() {
        Checkpoint decoder = Checkpoints.open(path("no-embedding.safetensors"), new Checkpoints.Options("decoder.weight", null));
        assertThat(decoder.embeddingTensor()).isEqualTo("decoder.weight");
        // the tokenizer names 6 tokens, the position table has 3 rows: a mismatch, not a silent truncation
        assertThatThrownBy(() -> Checkpoints.open(path("bert"),
                new Checkpoints.Options("bert.embeddings.position_embeddings.weight", null)))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("vocab.txt, field 'lines': names 6 tokens, but the embedding table has only 3 rows");
        assertThatThrownBy(() -> Checkpoints.open(path("bert"), new Checkpoints.Options("nope.weight", null)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("has no tensor 'nope.weight'; its 2-D tensors are:"
                        + " bert.embeddings.position_embeddings.weight [3, 4], bert.embeddings.word_embeddings.weight [6, 4]");
    }

    @Test
    void noUsualNameListsTheCandidates() {
        Path file = path("no-embedding.safetensors");
        assertThatThrownBy(() -> Checkpoints.open(file)).isInstanceOf(FormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("its 2-D tensors are: encoder.weight [3, 2], decoder.weight [3, 2]");
    }

    @Test
    void ggufTakesTokensFromTheFileAndOutputWeightWhenPresent() {
        Checkpoint tied = Checkpoints.open(path("llama-f32.gguf"));
        assertThat(tied.format()).isEqualTo("gguf");
        assertThat(tied.tied()).isTrue();
        assertThat(tied.table().vocabulary().tokens()).isEqualTo(strings(expected("gguf", "tokens")));
        assertThat(tied.metadata()).containsEntry("general.name", "tiny f32").containsEntry("gguf.version", "3")
                .containsEntry("test.nested", "[[1, 2], [3]]").containsEntry("tokenizer.ggml.tokens",
                        "[<unk>, <s>, </s>, \u2581the, \u2581cat, \u2581sat]");
        Checkpoint untied = Checkpoints.open(path("llama-q8_0.gguf"));
        assertThat(untied.outputTensor()).isEqualTo("output.weight");
        assertThat(untied.table().weights()).isInstanceOf(HeapMatrix.class);
        assertSameValues(untied.output().orElseThrow(), expected("gguf", "output"));
        assertThat(untied.tensors()).extracting(Checkpoint.TensorSummary::dtype).containsExactly("Q8_0", "F32", "F32", "Q4_K");
        assertThatThrownBy(() -> Checkpoints.open(path("llama-q8_0.gguf"), new Checkpoints.Options("blk.0.attn_q.weight", null)))
                .hasMessageContaining("is Q4_K, which embedkit cannot decode");
    }

    @Test
    void recognizesGgufFilesAndHuggingFaceFoldersOnly() {
        assertThat(Checkpoints.recognizes(path("llama-v2.gguf"))).isTrue();
        assertThat(Checkpoints.recognizes(path("llama"))).isTrue();
        assertThat(Checkpoints.recognizes(path("gpt2-f16.safetensors"))).isFalse();
        assertThat(Checkpoints.recognizes(dir)).isFalse();
    }

    @Test
    void aPyTorchOnlyFolderIsExplainedNotMistakenForAnEmbedkitModel() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("pt"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        Files.write(folder.resolve("pytorch_model.bin"), new byte[]{1});
        assertThat(Checkpoints.recognizes(folder)).isTrue();
        assertThatThrownBy(() -> Checkpoints.open(folder)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("pytorch_model.bin is not read: convert it to safetensors");
    }

    @Test
    void tokenizerIdsBeyondTheTableAreRefusedAndGapsNamed() throws IOException {
        Path folder = copy("gpt2");
        Files.writeString(folder.resolve("vocab.json"), "{\"a\": 0, \"b\": 8}");
        assertThatThrownBy(() -> Checkpoints.open(folder)).isInstanceOf(FormatException.class)
                .hasMessageContaining("vocab.json, field 'b': token 'b' has ID 8, outside the embedding table's rows 0..7");
        Files.writeString(folder.resolve("vocab.json"), "{\"a\": 0, \"b\": 2}");
        EmbeddingTable table = Checkpoints.open(folder).table();
        assertThat(table.vocabulary().tokens()).containsExactly("a", "<id:1>", "b", "<id:3>", "<id:4>", "<id:5>", "<id:6>", "<id:7>");
    }

    @Test
    void shardIndexMistakesAreRefused() throws IOException {
        Path folder = copy("llama-sharded");
        Path index = folder.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\": {\"lm_head.weight\": \"../model-00002-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoints.open(folder)).isInstanceOf(FormatException.class)
                .hasMessageContaining("field 'weight_map.lm_head.weight': \"../model-00002-of-00002.safetensors\" is not a file name in");
        Files.writeString(index, "{\"weight_map\": {\"lm_head.weight\": \"model-00001-of-00002.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoints.open(folder)).hasMessageContaining("says the tensor is in"
                + " model-00001-of-00002.safetensors, which has no tensor of that name");
    }

    @Test
    void anOutputMatrixOfAnotherShapeIsRefused() throws IOException {
        Path folder = copy("gpt2");
        // GPT-2's wpe.weight is (positions, d): named as the output it must be refused, not used
        assertThatThrownBy(() -> Checkpoints.open(folder, new Checkpoints.Options(null, "wpe.weight")))
                .isInstanceOf(FormatException.class)
                .hasMessageContaining("field 'wpe.weight': is 5×4, but the token embedding wte.weight is 8×4");
    }

    private Path copy(String fixture) throws IOException {
        Path source = path(fixture);
        Path target = dir.resolve(fixture);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
