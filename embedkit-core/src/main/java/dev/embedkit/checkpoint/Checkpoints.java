package dev.embedkit.checkpoint;

import dev.embedkit.BadInputException;
import dev.embedkit.gguf.GgufFile;
import dev.embedkit.io.IoErrors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a language model checkpoint as an embedding layer: a Hugging Face folder (config.json +
 * model.safetensors or a sharded index [+ tokenizer files]), a bare .safetensors file, or a .gguf file.
 * Tables stay memory-mapped where the dtype allows (F32, F16, BF16); GGUF Q8_0 is dequantized to the heap.
 */
public final class Checkpoints {
    /**
     * Choices a caller may force.
     *
     * @param tensor       the token embedding's tensor name, or null to find it by the usual names
     * @param outputTensor the output matrix's tensor name, or null to find it by the usual names
     */
    public record Options(String tensor, String outputTensor) {
        public static final Options DEFAULT = new Options(null, null);
    }

    private static final List<String> PYTORCH_FILES = List.of("pytorch_model.bin", "pytorch_model.bin.index.json");

    private Checkpoints() {
    }

    /**
     * True for what {@link #open} reads (or explains) and embedkit's other formats do not: a GGUF file, or a Hugging
     * Face folder with safetensors weights or PyTorch pickles.
     */
    public static boolean recognizes(Path path) {
        if (Files.isDirectory(path)) {
            return SafetensorsShards.present(path) || PYTORCH_FILES.stream().anyMatch(f -> Files.exists(path.resolve(f)));
        }
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return GgufFile.hasMagic(in.readNBytes(4));
        } catch (IOException e) {
            throw IoErrors.wrap(path, e);
        }
    }

    public static Checkpoint open(Path path) {
        return open(path, Options.DEFAULT);
    }

    /** Opens a folder, a .gguf file or a .safetensors file (told apart by content, not by name). */
    public static Checkpoint open(Path path, Options options) {
        if (Files.isDirectory(path)) {
            if (!SafetensorsShards.present(path)) {
                // PyTorch's .bin files are pickles: loading one can run code, so embedkit does not read them.
                throw new BadInputException(path + " has neither " + SafetensorsShards.SINGLE + " nor "
                        + SafetensorsShards.INDEX + ", so it is not a Hugging Face safetensors checkpoint (PyTorch's"
                        + " pytorch_model.bin is not read: convert it to safetensors, or download the model's"
                        + " model.safetensors)");
            }
            return SafetensorsCheckpoint.openFolder(path, options);
        }
        if (!Files.exists(path)) {
            throw new BadInputException(path + ": no such file or directory");
        }
        return recognizes(path) ? GgufCheckpoint.open(path, options) : SafetensorsCheckpoint.openFile(path, options);
    }
}
