package dev.embedkit.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.FormatException;
import dev.embedkit.io.IoErrors;

import java.io.IOException;
import java.nio.file.Path;

/** Reads the small JSON side files of a checkpoint folder (config, tokenizer, shard index) with errors naming the file. */
final class JsonFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonFiles() {
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw FormatException.of(file, "is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
    }
}
