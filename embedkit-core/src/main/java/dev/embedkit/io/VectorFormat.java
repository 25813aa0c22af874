package dev.embedkit.io;

import dev.embedkit.BadInputException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats embedkit reads and writes, with the names the CLI uses for them. */
public enum VectorFormat {
    /** The native format: a directory with config.json, vocab.txt and embeddings.safetensors. */
    MODEL_DIR("model"),
    WORD2VEC_TEXT("word2vec-text"),
    WORD2VEC_BINARY("word2vec-binary"),
    /** word2vec text without the "V d" header line. */
    GLOVE("glove"),
    /** fastText's .vec is word2vec text; it has its own name so a written file gets the expected extension. */
    FASTTEXT_VEC("fasttext-vec"),
    SAFETENSORS("safetensors"),
    NPY("npy"),
    /** fastText's binary model: words, n-gram buckets and settings; shares .bin with word2vec, so named with --to. */
    FASTTEXT_BIN("fasttext-bin");

    private final String cliName;

    VectorFormat(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** The format with this CLI name; an unknown name is an error listing the valid ones. */
    public static VectorFormat fromCliName(String name) {
        for (VectorFormat format : values()) {
            if (format.cliName.equals(name)) {
                return format;
            }
        }
        throw new BadInputException("unknown format '" + name + "'; valid formats: " + cliNames());
    }

    /**
     * The format implied by an output path: no extension is a model directory, then .bin, .txt, .vec, .npy
     * and .safetensors. GloVe shares .txt with word2vec text, so it must be asked for by name.
     */
    public static VectorFormat forOutputPath(Path out) {
        String extension = extension(out);
        return switch (extension) {
            case "" -> MODEL_DIR;
            case "bin" -> WORD2VEC_BINARY;
            case "txt" -> WORD2VEC_TEXT;
            case "vec" -> FASTTEXT_VEC;
            case "npy" -> NPY;
            case "safetensors" -> SAFETENSORS;
            default -> throw new BadInputException("cannot tell the output format of " + out + " from its extension '."
                    + extension + "': use .bin, .txt, .vec, .npy, .safetensors or no extension (a model directory),"
                    + " or name the format: " + cliNames());
        };
    }

    /** The lower-cased extension of the file name, "" if it has none (a leading dot starts no extension). */
    static String extension(Path path) {
        Path fileName = path.getFileName();
        String name = fileName == null ? "" : fileName.toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String cliNames() {
        return Arrays.stream(values()).map(VectorFormat::cliName).collect(Collectors.joining(", "));
    }
}
