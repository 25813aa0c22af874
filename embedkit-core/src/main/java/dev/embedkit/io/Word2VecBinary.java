package dev.embedkit.io;

import dev.embedkit.FormatException;
import dev.embedkit.embed.EmbeddingTable;
import dev.embedkit.tensor.DType;
import dev.embedkit.vocab.Vocabulary;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * word2vec binary: an ASCII "V d\n" header, then per row the token's UTF-8 bytes, a space and d little-endian
 * float32. The C tool ends each row with a newline, gensim 4 does not; like gensim's reader we skip newlines
 * before a token and require none. We write the newline, as the C tool does (gensim reads both).
 */
final class Word2VecBinary {
    private static final int MAX_HEADER_BYTES = 64;

    private Word2VecBinary() {
    }

    /** Receives the rows of a file as {@link #scan} checks them. */
    interface Rows {
        /** Called once, before the first row. */
        void start(Word2VecHeader header) throws IOException;

        /** Row {@code row}: its token (not yet checked for repeats) and its d finite values, reused between calls. */
        void row(int row, String token, float[] values) throws IOException;
    }

    /** What {@link #scan} leaves for the caller: the tokens in row order and where each starts in the file. */
    record Scanned(List<String> tokens, long[] tokenOffsets) {
        /** The vocabulary of the tokens; a repeated token is an error naming its offset and both rows. */
        Vocabulary vocabulary(Path file) {
            return TokenDuplicates.build(tokens, () -> Vocabulary.of(tokens), (token, first, second) ->
                    FormatException.atOffset(file, tokenOffsets[second], "duplicate token '" + token + "' in rows "
                            + first + " and " + second));
        }
    }

    static EmbeddingTable read(Path file) {
        TableBuilder[] table = new TableBuilder[1];
        Scanned scanned = scan(file, new Rows() {
            @Override
            public void start(Word2VecHeader header) {
                table[0] = new TableBuilder(file, header.dim(), header.rows());
            }

            @Override
            public void row(int row, String token, float[] values) {
                table[0].addUnchecked(token, values);
            }
        });
        return table[0].build(scanned.vocabulary(file));
    }

    /**
     * Parses and checks the whole file through a memory mapping, handing each row to {@code rows}: tokens are
     * scanned in place and each row's floats are one bulk copy. Repeated tokens are left to {@link Scanned#vocabulary},
     * which finds them with the one hash map a vocabulary builds anyway (a 1 GB file spent a third of its time in
     * per-row maps; see embedkit-bench/README.md).
     */
    static Scanned scan(Path file, Rows rows) {
        MemorySegment bytes = MappedFiles.map(file);
        long size = bytes.byteSize();
        long[] position = {0};
        Word2VecHeader header = Word2VecHeader.parse(readHeaderLine(bytes, position, file), file);
        // Shortest row: a 1-byte token, a space and 4·d bytes of floats; the newline is optional.
        header.checkFits(file, size - position[0], 4L * header.dim() + 2);
        List<String> tokens = new ArrayList<>(header.rows());
        long[] tokenOffsets = new long[header.rows()];
        TokenDecoder decoder = new TokenDecoder(file);
        float[] values = new float[header.rows() == 0 ? 0 : header.dim()]; // a 0-row header's d bounds nothing
        long valueBytes = 4L * header.dim();
        long at = position[0];
        try {
            rows.start(header);
            for (int row = 0; row < header.rows(); row++) {
                while (at < size && bytes.get(ValueLayout.JAVA_BYTE, at) == '\n') {
                    at++;
                }
                long tokenOffset = at;
                while (at < size && bytes.get(ValueLayout.JAVA_BYTE, at) != ' ') {
                    at++;
                }
                if (at == size) {
                    throw FormatException.atOffset(file, size, "truncated in the token of row " + row
                            + " of the " + header.rows() + " the header declares");
                }
                if (at == tokenOffset) {
                    throw FormatException.atOffset(file, tokenOffset, "empty token in row " + row);
                }
                String text = decoder.decode(bytes, tokenOffset, at);
                if (WriterChecks.whitespaceAt(text) >= 0) {
                    throw FormatException.atOffset(file, tokenOffset, "the token '" + WriterChecks.escaped(text)
                            + "' of row " + row + " contains a tab, CR or newline (a token ends at a space)");
                }
                long valuesOffset = ++at;
                if (size - valuesOffset < valueBytes) {
                    throw FormatException.atOffset(file, size, "truncated in the values of token '" + text + "' (row "
                            + row + "): " + (size - valuesOffset) + " of " + valueBytes + " bytes");
                }
                MemorySegment.copy(bytes, LittleEndian.FLOAT_LE, valuesOffset, values, 0, values.length);
                for (int c = 0; c < values.length; c++) {
                    if (!Float.isFinite(values[c])) {
                        throw FormatException.atOffset(file, valuesOffset + 4L * c, "value " + (c + 1) + " of token '"
                                + text + "' is " + values[c] + ": NaN and infinity are not allowed");
                    }
                }
                at = valuesOffset + valueBytes;
                tokens.add(text);
                tokenOffsets[row] = tokenOffset;
                rows.row(row, text, values);
            }
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
        while (at < size && bytes.get(ValueLayout.JAVA_BYTE, at) == '\n') {
            at++; // trailing newlines after the last row are harmless
        }
        if (at < size) {
            throw FormatException.atOffset(file, at, "extra data after the " + header.rows() + " rows the header declares");
        }
        return new Scanned(tokens, tokenOffsets);
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

    /** The first line, without its newline; {@code position[0]} is left just past the newline. */
    private static String readHeaderLine(MemorySegment bytes, long[] position, Path file) {
        StringBuilder line = new StringBuilder();
        long at = 0;
        while (true) {
            if (at == bytes.byteSize()) {
                throw line.isEmpty() ? FormatException.of(file, "is empty")
                        : FormatException.atLine(file, 1, "truncated: the file ends inside the header '" + line + "'");
            }
            byte b = bytes.get(ValueLayout.JAVA_BYTE, at++);
            if (b == '\n') {
                position[0] = at;
                return line.toString();
            }
            if (line.length() == MAX_HEADER_BYTES) {
                throw FormatException.atLine(file, 1, "the header must be a short 'V d' line; found more than "
                        + MAX_HEADER_BYTES + " bytes without a newline");
            }
            line.append((char) (b & 0xFF));
        }
    }

    /** Token bytes to a String, through one reused buffer; the bytes must be valid UTF-8. */
    private static final class TokenDecoder {
        private final Path file;
        private byte[] buffer = new byte[64];

        TokenDecoder(Path file) {
            this.file = file;
        }

        String decode(MemorySegment bytes, long from, long to) {
            if (to - from > Integer.MAX_VALUE - 8) {
                throw FormatException.atOffset(file, from, "a token of more than 2 GB; this is not a word2vec file");
            }
            int length = (int) (to - from);
            if (length > buffer.length) {
                buffer = new byte[Math.max(length, 2 * buffer.length)];
            }
            MemorySegment.copy(bytes, ValueLayout.JAVA_BYTE, from, buffer, 0, length);
            try {
                return ByteInput.decodeUtf8(buffer, 0, length);
            } catch (CharacterCodingException e) {
                throw FormatException.atOffset(file, from, "the token bytes are not valid UTF-8");
            }
        }
    }
}
