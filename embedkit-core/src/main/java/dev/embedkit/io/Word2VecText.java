package dev.embedkit.io;

import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.vocab.Vocabulary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * word2vec text ("V d" header, then {@code token v1 … vd} per line), which is also fastText's .vec, and GloVe
 * (the same rows without the header). Fields are separated by spaces or tabs; trailing whitespace is ignored,
 * because the word2vec C tool and fastText end every row with a space.
 */
final class Word2VecText {
    private Word2VecText() {
    }

    /** Reads the file; {@code withHeader} is false for GloVe, whose dimension is then the first row's. */
    static EmbeddingTable read(Path file, boolean withHeader) {
        try (LineReader lines = new LineReader(file)) {
            String line = lines.next();
            if (line == null) {
                throw FormatException.of(file, "is empty");
            }
            Word2VecHeader header = null;
            TableBuilder table = null;
            float[] values = null;
            if (withHeader) {
                header = Word2VecHeader.parse(line, file);
                // Shortest row: a 1-byte token and d times a separator and a digit (newlines not even counted).
                header.checkFits(file, Files.size(file) - line.length() - 1, 2L * header.dim() + 1);
                table = new TableBuilder(file, header.dim(), header.rows());
                // a 0-row header bounds nothing: its d may be huge, and no row will need the buffer
                values = new float[header.rows() == 0 ? 0 : header.dim()];
                line = lines.next();
            }
            List<String> fields = new ArrayList<>();
            for (; line != null; line = lines.next()) {
                long lineNumber = lines.lineNumber();
                split(line, fields);
                if (header != null && table.rows() == header.rows()) {
                    if (fields.isEmpty()) {
                        continue; // blank lines after the last row are harmless
                    }
                    throw FormatException.atLine(file, lineNumber, "extra row (token '" + fields.getFirst()
                            + "') after the " + header.rows() + " rows the header declares");
                }
                if (fields.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                    throw FormatException.atLine(file, lineNumber, "empty token: the line starts with whitespace or is blank");
                }
                String token = fields.getFirst();
                if (WriterChecks.whitespaceAt(token) >= 0) { // a CR: LineReader drops one only at the line's end
                    throw FormatException.atLine(file, lineNumber, "the token '" + WriterChecks.escaped(token)
                            + "' contains a carriage return");
                }
                if (table == null) { // GloVe: the first row sets the dimension
                    if (fields.size() < 2) {
                        throw FormatException.atLine(file, lineNumber, "the row of token '" + token + "' has no values");
                    }
                    table = new TableBuilder(file, fields.size() - 1, 0);
                    values = new float[fields.size() - 1];
                }
                if (fields.size() - 1 != values.length) {
                    throw FormatException.atLine(file, lineNumber, "the row of token '" + token + "' has "
                            + (fields.size() - 1) + " values, expected d=" + values.length
                            + (fields.size() - 1 > values.length ? " (tokens cannot contain spaces in this format)" : ""));
                }
                for (int c = 0; c < values.length; c++) {
                    values[c] = FloatText.parse(fields.get(c + 1), file, lineNumber, token, c + 1);
                }
                int previous = table.rowOf(token);
                if (previous >= 0) {
                    long firstLine = previous + (header != null ? 2 : 1);
                    throw FormatException.atLine(file, lineNumber, "duplicate token '" + token + "': it is also on line " + firstLine);
                }
                table.add(token, values);
            }
            if (header != null && table.rows() < header.rows()) {
                throw FormatException.atLine(file, lines.lineNumber(), "truncated: the header declares " + header.rows()
                        + " rows, the file ends after " + table.rows());
            }
            return table.build();
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
    }

    /** Writes the table, with the "V d" header unless {@code format} is GloVe. */
    static void write(EmbeddingTable table, Path file, VectorFormat format) {
        WriterChecks.checkTokens(table, format);
        Vocabulary vocabulary = table.vocabulary();
        AtomicFiles.write(file, temp -> {
            try (BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                if (format != VectorFormat.GLOVE) {
                    out.write(table.vocabularySize() + " " + table.dim() + "\n");
                }
                float[] row = new float[table.dim()];
                StringBuilder line = new StringBuilder();
                for (int id = 0; id < table.vocabularySize(); id++) {
                    table.weights().copyRow(id, row, 0);
                    WriterChecks.checkFinite(row, id, vocabulary);
                    line.setLength(0);
                    line.append(vocabulary.token(id));
                    for (float value : row) {
                        line.append(' ').append(value); // the shortest decimal that reads back to the same bits
                    }
                    out.append(line).append('\n');
                }
            }
        });
    }

    /** Splits on runs of spaces and tabs, ignoring leading and trailing ones. */
    static void split(String line, List<String> fields) {
        fields.clear();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isSeparator(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSeparator(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                fields.add(line.substring(start, i));
            }
        }
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '\t';
    }
}
