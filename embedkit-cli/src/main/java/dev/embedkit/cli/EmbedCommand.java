package dev.embedkit.cli;

import dev.embedkit.BadInputException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.embed.EmbeddedWords;
import dev.embedkit.io.NpyFormat;
import dev.embedkit.tensor.HeapMatrix;
import dev.embedkit.tokenize.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code embedkit embed MODEL TEXT}: the chapter's pipeline made visible — text → tokens → IDs → one row
 * of the table per ID → the stacked n×d matrix a Transformer would read.
 */
@Command(name = "embed", description = {
        "Embed TEXT: tokens, their IDs, the row of the table each ID selects, and the stacked n×d matrix.",
        "Lookup is pure indexing: row i of the V×d table is the vector of token i."})
final class EmbedCommand extends BaseCommand {
    enum Output { TEXT, JSON, CSV, NPY }

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model directory or vector file.")
    Path model;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT", description = "The text to embed.")
    String text;

    @Option(names = "--ids", split = ",", paramLabel = "ID,…",
            description = "Embed these token IDs instead of TEXT (for checkpoints whose subword tokenizer embedkit does not run yet).")
    int[] givenIds;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json|csv|npy",
            description = "Output format (default: text). npy needs --output.")
    Output format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the stacked matrix here (npy; csv and json too).")
    Path output;

    @Option(names = "--precision", defaultValue = "4", description = "Decimals shown in text output (default: ${DEFAULT-VALUE}).")
    int precision;

    @Option(names = "--columns", defaultValue = "8",
            description = "Values shown per row in text output, 0 for all (default: ${DEFAULT-VALUE}).")
    int columns;

    @Mixin
    TokenizerOptions tokenizerOptions;

    @Mixin
    CheckpointOptions checkpointOptions;

    /** ids: -1 for an out-of-vocabulary word, whose row is the mean of its n-gram rows (notes say how many). */
    record Embedded(String text, List<String> tokens, int[] ids, List<String> notes, int[] shape, float[][] matrix) {
    }

    @Override
    protected void run() throws Exception {
        if (precision < 0 || precision > 9) {
            throw new BadInputException("--precision must be between 0 and 9, got " + precision);
        }
        LoadedModel loaded = LoadedModel.open(model, tokenizerOptions, checkpointOptions);
        EmbeddingTable table = loaded.table();
        if ((text == null) == (givenIds == null)) {
            throw new BadInputException("give either TEXT or --ids, not both or neither");
        }
        int[] ids;
        List<String> tokens;
        List<String> notes = List.of(); // what each out-of-vocabulary word's vector is; words only
        HeapMatrix stacked; // (n, dim)
        if (givenIds != null) {
            ids = givenIds;
            tokens = java.util.Arrays.stream(ids).mapToObj(id -> table.vocabulary().token(id)).toList();
            stacked = table.lookup(ids);
        } else if (loaded.subwordTokenizer().isPresent()) {
            Tokenizer tokenizer = loaded.tokenizer();
            ids = tokenizer.encode(text);
            tokens = tokenizer.tokenize(text);
            stacked = table.lookup(ids);
        } else {
            // words: the tokenizer's lookup, except that a subword model gives an unknown word its n-grams' vector
            EmbeddedWords words = EmbeddedWords.of(loaded.splitter().split(text), loaded.words());
            ids = words.ids(); // -1: out of the vocabulary
            tokens = words.tokens();
            notes = words.notes();
            stacked = words.stacked();
        }
        if (notes.isEmpty()) {
            notes = java.util.Collections.nCopies(ids.length, "");
        }

        switch (format) {
            case TEXT -> printWalk(out(), new MatrixPrinter(precision, columns), table, text, tokens, ids, notes, stacked);
            case JSON -> writeOrPrint(json(tokens, ids, notes, stacked));
            case CSV -> writeOrPrint(csv(tokens, ids, stacked));
            case NPY -> {
                if (output == null) {
                    throw new BadInputException("--format npy writes a binary file: give it with --output FILE.npy");
                }
                NpyFormat.write(output, stacked);
                out().printf("wrote %d×%d matrix to %s%n", stacked.rows(), stacked.cols(), output);
            }
        }
    }

    /** text → tokens → IDs → rows → the stacked matrix, as {@code embed} and the tour print it. */
    static void printWalk(PrintWriter out, MatrixPrinter printer, EmbeddingTable table, String text, List<String> tokens,
                          int[] ids, HeapMatrix stacked) {
        printWalk(out, printer, table, text, tokens, ids, java.util.Collections.nCopies(ids.length, ""), stacked);
    }

    /** As above; ids[j] = -1 marks an out-of-vocabulary word, whose row came from its n-grams ({@code notes[j]}). */
    static void printWalk(PrintWriter out, MatrixPrinter printer, EmbeddingTable table, String text, List<String> tokens,
                          int[] ids, List<String> notes, HeapMatrix stacked) {
        int n = ids.length;
        int d = table.dim();
        boolean anyOov = java.util.Arrays.stream(ids).anyMatch(id -> id < 0);
        if (text != null) {
            out.printf("text      \"%s\"%n", text);
            out.printf("1. tokenize   %d tokens: %s%n", n, String.join(" | ", tokens));
        } else {
            out.printf("1. IDs given  %d tokens: %s%n", n, String.join(" | ", tokens));
        }
        out.printf("2. IDs        %s  (arbitrary integers: the table gives them meaning)%n", java.util.Arrays.stream(ids)
                .mapToObj(id -> id < 0 ? "OOV" : Integer.toString(id)).collect(java.util.stream.Collectors.joining(", ", "[", "]")));
        out.printf("3. look up    each ID selects one row of the table E (V=%d × d=%d); no arithmetic%n",
                table.vocabularySize(), d);
        if (anyOov) {
            out.printf("              an OOV word has no row: its vector is the mean of its character n-grams' rows%n");
        }
        for (int j = 0; j < n; j++) {
            String label = ids[j] < 0 ? "OOV " + tokens.get(j) : "E[" + ids[j] + "] " + tokens.get(j);
            String note = notes.get(j).isEmpty() ? "" : "  " + notes.get(j);
            out.printf("   %-20s %s%s%n", label, printer.vector(stacked.data(), j * d, d), note);
        }
        out.printf("4. stack      X = %d×%d matrix, row j = E[ids[j]]: the input a Transformer sees%n", n, d);
        printer.matrix(out, "   ", stacked.data(), n, d);
    }

    private void writeOrPrint(String content) throws java.io.IOException {
        if (output == null) {
            out().print(content);
            return;
        }
        dev.embedkit.io.AtomicFiles.write(output, temp -> Files.writeString(temp, content, StandardCharsets.UTF_8));
        out().printf("wrote %s%n", output);
    }

    private String json(List<String> tokens, int[] ids, List<String> notes, HeapMatrix stacked) {
        float[][] rows = new float[stacked.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = stacked.row(r);
        }
        java.io.StringWriter buffer = new java.io.StringWriter();
        int[] shape = {stacked.rows(), stacked.cols()};
        Json.print(new java.io.PrintWriter(buffer), new Embedded(text, tokens, ids, notes, shape, rows));
        return buffer.toString();
    }

    private static String csv(List<String> tokens, int[] ids, HeapMatrix stacked) {
        StringBuilder csv = new StringBuilder("position,id,token");
        for (int c = 0; c < stacked.cols(); c++) {
            csv.append(",d").append(c);
        }
        csv.append('\n');
        for (int r = 0; r < stacked.rows(); r++) {
            csv.append(r).append(',').append(ids[r]).append(',').append(csvField(tokens.get(r)));
            for (int c = 0; c < stacked.cols(); c++) {
                csv.append(',').append(stacked.get(r, c)); // Float.toString: parses back to the same float
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static String csvField(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n");
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
