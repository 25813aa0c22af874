package dev.embedkit.cli;

import dev.embedkit.checkpoint.Checkpoints;
import picocli.CommandLine.Option;

/** Which tensors of a safetensors or GGUF checkpoint to use, when the usual names do not find them. */
final class CheckpointOptions {
    @Option(names = "--tensor", paramLabel = "NAME",
            description = "The token embedding tensor of a checkpoint (default: found by the usual names, e.g. wte.weight).")
    String tensor;

    @Option(names = "--output-tensor", paramLabel = "NAME",
            description = "The output (unembedding) tensor of an untied checkpoint (default: lm_head.weight, embed_out.weight or output.weight).")
    String outputTensor;

    Checkpoints.Options resolve() {
        return new Checkpoints.Options(tensor, outputTensor);
    }

    boolean isSet() {
        return tensor != null || outputTensor != null;
    }
}
