package dev.embedkit.tokenize.hf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.BadInputException;
import dev.embedkit.io.AtomicFiles;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a byte-level BPE (GPT-2's scheme) as a Hugging Face tokenizer.json that {@link HfTokenizer} and the
 * tokenizers library both read: ByteLevel pre-tokenizer without a prefix space, BPE model, ByteLevel decoder.
 */
public final class ByteLevelBpeJson {
    private ByteLevelBpeJson() {
    }

    /**
     * @param vocab   the tokens in ID order (byte-level strings)
     * @param merges  the merges {left, right}, best first
     * @param special tokens of {@code vocab} that are special (matched whole in text, skipped when decoding)
     */
    public static void write(Path target, List<String> vocab, List<String[]> merges, Set<String> special) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0").putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        ObjectNode vocabJson = json.createObjectNode();
        Set<String> seen = new HashSet<>();
        for (int id = 0; id < vocab.size(); id++) {
            String token = vocab.get(id);
            if (!seen.add(token)) {
                throw new BadInputException("token '" + token + "' appears twice in the vocabulary to write");
            }
            vocabJson.put(token, id);
            if (special.contains(token)) {
                added.addObject().put("id", id).put("content", token).put("single_word", false).put("lstrip", false)
                        .put("rstrip", false).put("normalized", false).put("special", true);
            }
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true);
        root.putObject("post_processor").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", false).put("use_regex", true);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        model.set("vocab", vocabJson);
        ArrayNode mergesJson = model.putArray("merges");
        // "left right" strings, the form every version of tokenizers reads; byte-level tokens never hold a space
        merges.forEach(m -> mergesJson.add(m[0] + " " + m[1]));
        AtomicFiles.write(target, temp -> json.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root));
    }
}
