package dev.embedkit.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** The tokenizer fixtures under src/test/resources/fixtures (made by scripts/make-tokenizer-fixtures.sh). */
public final class TokenizerFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFixtures() {
    }

    /** One reference result: the text, its IDs, and optionally more fields (tokens, decoded text, hf IDs). */
    public record Golden(String text, int[] ids, JsonNode line) {
    }

    public static InputStream open(String name) {
        InputStream in = TokenizerFixtures.class.getResourceAsStream("/fixtures/" + name);
        if (in == null) {
            throw new AssertionError("missing fixture " + name + "; regenerate with scripts/make-tokenizer-fixtures.sh");
        }
        try {
            return name.endsWith(".gz") ? new GZIPInputStream(in) : in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture (gunzipped if it ends in .gz) to {@code dir}/{@code as}. */
    public static Path copy(String name, Path dir, String as) {
        try (InputStream in = open(name)) {
            Path target = dir.resolve(as);
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GPT-2's encoder.json and vocab.bpe, unpacked into {@code dir}. */
    public static Path gpt2(Path dir) {
        copy("gpt2/encoder.json.gz", dir, "encoder.json");
        copy("gpt2/vocab.bpe.gz", dir, "vocab.bpe");
        return dir;
    }

    public static List<Golden> golden(String name) {
        List<Golden> golden = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(name), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                JsonNode node = JSON.readTree(line);
                golden.add(new Golden(node.get("text").asText(), ids(node.get("ids")), node));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return golden;
    }

    public static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).intValue();
        }
        return ids;
    }
}
