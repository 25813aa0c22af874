package dev.embedkit.tokenize.bpe;

import dev.embedkit.FormatException;
import dev.embedkit.tokenize.TokenIds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads BPE merges written as "left right" lines, best first (vocab.bpe, merges.txt, tokenizer.json's "merges"). */
public final class MergesFile {
    private MergesFile() {
    }

    /** Parses a vocab.bpe file's lines; the "#version" header and blank lines are skipped. */
    static BpeMerges parse(List<String> lines, TokenIds vocab, Path file) {
        List<String[]> pairs = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw FormatException.atLine(file, i + 1, "expected a merge 'left right', got '" + line + "'");
            }
            pairs.add(parts);
            where.add("line " + (i + 1));
        }
        return build(pairs, where, vocab, "", file);
    }

    /**
     * The merge table for {@code pairs} (left, right). The merged token is left + right, with right's
     * {@code continuingPrefix} dropped (Hugging Face BPE with a continuing_subword_prefix such as "##");
     * every token involved must be in {@code vocab}.
     */
    public static BpeMerges build(List<String[]> pairs, List<String> where, TokenIds vocab, String continuingPrefix, Path file) {
        int[][] table = new int[pairs.size()][];
        for (int rank = 0; rank < table.length; rank++) {
            String left = pairs.get(rank)[0];
            String right = pairs.get(rank)[1];
            String merged = left + (!continuingPrefix.isEmpty() && right.startsWith(continuingPrefix)
                    ? right.substring(continuingPrefix.length()) : right);
            table[rank] = new int[] {idOf(left, vocab, file, where.get(rank)), idOf(right, vocab, file, where.get(rank)),
                    idOf(merged, vocab, file, where.get(rank))};
        }
        return new BpeMerges(table);
    }

    private static int idOf(String token, TokenIds vocab, Path file, String where) {
        int id = vocab.id(token);
        if (id < 0) {
            throw FormatException.of(file, where + ": merge token '" + token + "' is not in the vocabulary");
        }
        return id;
    }
}
