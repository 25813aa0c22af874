package dev.embedkit.io;

import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.DType;
import dev.embedkit.vocab.Vocabulary;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * word2vec binary: an ASCII "V d\n" header, then per row the token's UTF-8 bytes, a space and d little-endian
 * float32. The C tool ends each row with a newline, gensim 4 does not; like gensim's reader we skip newlines
 * before a token and require none. We write the newline, as the C tool does (gensim reads both).
 */
final class Word2VecBinary {
    private static final int MAX_HEADER_BYTES = 64;

    private Word2VecBinary() {
    }

    static EmbeddingTable read(Path file) {
        try (ByteInput in = new ByteInput(file)) {
            Word2VecHeader header = Word2VecHeader.parse(readHeaderLine(in, file), file);
            // Shortest row: a 1-byte token, a space and 4·d bytes of floats; the newline is optional.
            header.checkFits(file, Files.size(file) - in.offset(), 4L * header.dim() + 2);
            TableBuilder table = new TableBuilder(file, header.dim(), header.rows());
            byte[] token = new byte[64];
            byte[] raw = new byte[4 * header.dim()];
            float[] values = new float[header.dim()];
            for (int row = 0; row < header.rows(); row++) {
                while (in.peek() == '\n') {
                    in.read();
                }
                long tokenOffset = in.offset();
                int length = 0;
                for (int b = in.read(); b != ' '; b = in.read()) {
                    if (b < 0) {
                        throw FormatException.atOffset(file, in.offset(), "truncated in the token of row " + row
                                + " of the " + header.rows() + " the header declares");
                    }
                    if (length == token.length) {
                        token = Arrays.copyOf(token, length * 2);
                    }
                    token[length++] = (byte) b;
                }
                if (length == 0) {
                    throw FormatException.atOffset(file, tokenOffset, "empty token in row " + row);
                }
                String text = decode(token, length, file, tokenOffset);
                long valuesOffset = in.offset();
                int read = in.readFully(raw, 0, raw.length);
                if (read < raw.length) {
                    throw FormatException.atOffset(file, valuesOffset + read, "truncated in the values of token '" + text
                            + "' (row " + row + "): " + read + " of " + raw.length + " bytes");
                }
                LittleEndian.decodeF32(raw, values);
                for (int c = 0; c < values.length; c++) {
                    if (!Float.isFinite(values[c])) {
                        throw FormatException.atOffset(file, valuesOffset + 4L * c, "value " + (c + 1) + " of token '"
                                + text + "' is " + values[c] + ": NaN and infinity are not allowed");
                    }
                }
                int previous = table.rowOf(text);
                if (previous >= 0) {
                    throw FormatException.atOffset(file, tokenOffset, "duplicate token '" + text + "' in rows " + previous
                            + " and " + row);
                }
                table.add(text, values);
            }
            int b;
            while ((b = in.read()) == '\n') {
                // trailing newlines after the last row are harmless
            }
            if (b >= 0) {
                throw FormatException.atOffset(file, in.offset() - 1, "extra data after the " + header.rows()
                        + " rows the header declares");
            }
            return table.build();
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
    }

    static void write(EmbeddingTable table, Path file) {
        WriterChecks.checkTokens(table, VectorFormat.WORD2VEC_BINARY);
        Vocabulary vocabulary = table.vocabulary();
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                out.write((table.vocabularySize() + " " + table.dim() + "\n").getBytes(StandardCharsets.US_ASCII));
                float[] row = new float[table.dim()];
                byte[] raw = new byte[4 * table.dim()];
                for (int id = 0; id < table.vocabularySize(); id++) {
                    table.weights().copyRow(id, row, 0);
                    WriterChecks.checkFinite(row, id, vocabulary);
                    LittleEndian.encode(row, DType.F32, raw);
                    out.write(vocabulary.token(id).getBytes(StandardCharsets.UTF_8));
                    out.write(' ');
                    out.write(raw);
                    out.write('\n');
                }
            }
        });
    }

    private static String readHeaderLine(ByteInput in, Path file) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw line.isEmpty() ? FormatException.of(file, "is empty")
                        : FormatException.atLine(file, 1, "truncated: the file ends inside the header '" + line + "'");
            }
            if (line.length() == MAX_HEADER_BYTES) {
                throw FormatException.atLine(file, 1, "the header must be a short 'V d' line; found more than "
                        + MAX_HEADER_BYTES + " bytes without a newline");
            }
            line.append((char) b);
        }
        return line.toString();
    }

    private static String decode(byte[] token, int length, Path file, long offset) {
        try {
            return ByteInput.decodeUtf8(token, 0, length);
        } catch (CharacterCodingException e) {
            throw FormatException.atOffset(file, offset, "the token bytes are not valid UTF-8");
        }
    }
}
