package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.FormatException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where checkpoints keep the token embedding and the output (unembedding) matrix: the tensor names the common
 * model families use, tried in order. A caller's explicit name always wins over the lists.
 */
public final class EmbeddingTensorNames {
    /** Token embedding names: embedkit's own, GPT-2, Llama/Mistral/Qwen, OPT/BART, BERT/RoBERTa, Meta's Llama, GPT-NeoX, BLOOM, T5, GGUF. */
    public static final List<String> INPUT = List.of(
            SafetensorsFile.EMBEDDING_TENSOR,
            "wte.weight", "transformer.wte.weight",
            "model.embed_tokens.weight", "embed_tokens.weight", "model.language_model.embed_tokens.weight",
            "model.decoder.embed_tokens.weight", "decoder.embed_tokens.weight",
            "embeddings.word_embeddings.weight", "bert.embeddings.word_embeddings.weight",
            "roberta.embeddings.word_embeddings.weight",
            "tok_embeddings.weight",
            "gpt_neox.embed_in.weight", "embed_in.weight",
            "transformer.word_embeddings.weight", "word_embeddings.weight",
            "shared.weight",
            "token_embd.weight");

    /** Output matrix names of untied models: Hugging Face's lm_head, GPT-NeoX's embed_out, Meta's and GGUF's output. */
    public static final List<String> OUTPUT = List.of("lm_head.weight", "embed_out.weight", "output.weight");

    private EmbeddingTensorNames() {
    }

    /**
     * The token embedding among {@code shapes} (tensor name → row-major shape): {@code override} if given (it
     * must exist and be 2-D), else the first of {@link #INPUT} present, else the only 2-D tensor. Otherwise an
     * error that lists the 2-D tensors the file does have.
     */
    public static String findInput(Path file, Map<String, List<Long>> shapes, String override) {
        if (override != null) {
            List<Long> shape = shapes.get(override);
            if (shape == null) {
                throw new BadInputException(file + " has no tensor '" + override + "'; its 2-D tensors are: "
                        + matrices(shapes));
            }
            return override;
        }
        for (String name : INPUT) {
            if (shapes.containsKey(name)) {
                return name;
            }
        }
        List<String> matrices = shapes.entrySet().stream().filter(e -> e.getValue().size() == 2).map(Map.Entry::getKey).toList();
        if (matrices.size() == 1) {
            return matrices.getFirst();
        }
        throw FormatException.of(file, "has none of the usual token embedding tensors (" + String.join(", ", INPUT)
                + ") and not exactly one 2-D tensor to use instead; its 2-D tensors are: " + matrices(shapes)
                + ". Name the one to use with --tensor NAME");
    }

    /** The first of {@link #OUTPUT} present among {@code shapes}, other than the input tensor itself. */
    public static Optional<String> findOutput(Map<String, List<Long>> shapes, String input) {
        return OUTPUT.stream().filter(name -> !name.equals(input) && shapes.containsKey(name)).findFirst();
    }

    private static String matrices(Map<String, List<Long>> shapes) {
        String listed = shapes.entrySet().stream().filter(e -> e.getValue().size() == 2)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return listed.isEmpty() ? "(none)" : listed;
    }
}
