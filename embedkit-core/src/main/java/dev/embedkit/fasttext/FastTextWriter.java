package dev.embedkit.fasttext;

import dev.embedkit.BadInputException;
import dev.embedkit.io.AtomicFiles;
import dev.embedkit.tensor.FloatMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link FastTextModel} in fastText 0.9's .bin layout (version 12), which {@code fasttext
 * print-word-vectors}, {@code nn} and gensim load: words only (nlabels 0), no prune index (pruneidx_size -1, which
 * fastText requires of an unquantized model), nothing quantized.
 */
final class FastTextWriter {
    private FastTextWriter() {
    }

    static void write(FastTextModel model, Path file) {
        if (model.skippedLabels() > 0) {
            throw new BadInputException("this fastText model had " + model.skippedLabels() + " labels, which embedkit"
                    + " does not keep; writing it would give fastText a classifier without its labels");
        }
        Vocabulary words = model.vocabulary();
        for (int id = 0; id < words.size(); id++) {
            String word = words.token(id);
            if (word.isEmpty() || word.indexOf('\0') >= 0) {
                throw new BadInputException("word " + id + " is empty or contains a NUL character; a fastText .bin"
                        + " ends each word with a NUL");
            }
        }
        AtomicFiles.write(file, temp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                Fields fields = new Fields(out);
                fields.int32(FastTextFormat.MAGIC).int32(FastTextFormat.VERSION);
                writeArgs(fields, model.args());
                fields.int32(words.size()).int32(words.size()).int32(0).int64(model.tokens()).int64(-1);
                for (int id = 0; id < words.size(); id++) {
                    out.write(words.token(id).getBytes(StandardCharsets.UTF_8));
                    out.write(0);
                    fields.int64(words.count(id));
                    out.write(0); // entry type: word
                }
                out.write(0); // quant_input: false
                fields.int64((long) words.size() + model.buckets()).int64(model.dim());
                writeRows(fields, model.wordMatrix(), words);
                // Row by row: a compact model's buckets are never built as a (buckets, dim) matrix on the heap.
                writeRows(fields, model.buckets(), model.dim(), model.subwords()::copyBucketRow, null);
                out.write(0); // qout: false
                fields.int64(model.output().rows()).int64(model.dim());
                writeRows(fields, model.output(), null);
            }
        });
    }

    private static void writeArgs(Fields out, FastTextArgs a) throws IOException {
        out.int32(a.dim()).int32(a.ws()).int32(a.epoch()).int32(a.minCount()).int32(a.neg()).int32(a.wordNgrams())
                .int32(a.loss()).int32(a.model()).int32(a.bucket()).int32(a.minn()).int32(a.maxn())
                .int32(a.lrUpdateRate()).float64(a.t());
    }

    /** Rows as little-endian float32; a non-finite value is refused, since no reader accepts it back. */
    private static void writeRows(Fields out, FloatMatrix matrix /* (rows, dim) */, Vocabulary words) throws IOException {
        writeRows(out, matrix.rows(), matrix.cols(), (r, dst) -> matrix.copyRow(r, dst, 0), words);
    }

    /** Copies row r into dst. */
    private interface RowSource {
        void copy(int row, float[] dst);
    }

    private static void writeRows(Fields out, int rows, int cols, RowSource source, Vocabulary words) throws IOException {
        float[] row = new float[cols];
        ByteBuffer bytes = ByteBuffer.allocate(4 * cols).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            source.copy(r, row);
            bytes.clear();
            for (int c = 0; c < row.length; c++) {
                if (!Float.isFinite(row[c])) {
                    throw new BadInputException("row " + r + (words == null ? "" : " (word '" + words.token(r) + "')")
                            + " has " + row[c] + " at column " + c + "; only finite values can be written");
                }
                bytes.putFloat(row[c]);
            }
            out.out.write(bytes.array());
        }
    }

    /** Little-endian scalars onto a stream. */
    private static final class Fields {
        private final OutputStream out;
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Fields(OutputStream out) {
            this.out = out;
        }

        Fields int32(int value) throws IOException {
            out.write(scratch.clear().putInt(value).array(), 0, 4);
            return this;
        }

        Fields int64(long value) throws IOException {
            out.write(scratch.clear().putLong(value).array(), 0, 8);
            return this;
        }

        Fields float64(double value) throws IOException {
            out.write(scratch.clear().putDouble(value).array(), 0, 8);
            return this;
        }
    }
}
