package dev.embedkit.fasttext;

import dev.embedkit.subword.CharNgrams;
import dev.embedkit.subword.SubwordVectors;
import dev.embedkit.tensor.DType;
import dev.embedkit.tensor.MappedMatrix;
import dev.embedkit.vocab.Vocabulary;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a fastText .bin (fastText's {@code FastText::loadModel}): magic and version, the settings, the dictionary
 * (size, nwords, nlabels, ntokens, pruneidx_size, then per entry the word's bytes up to a NUL, an int64 count and
 * an int8 type, then the prune index pairs), the quantization flag, the input matrix (int64 rows, int64 cols,
 * rows × cols float32), the output-quantization flag and the output matrix. The matrices are memory-mapped.
 */
final class FastTextReader {
    private static final ValueLayout.OfFloat FLOAT_LE =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int MAX_WORD_BYTES = 1 << 20;
    // The smallest dictionary entry: an empty word's NUL, the count and the type.
    private static final int MIN_ENTRY_BYTES = 1 + 8 + 1;

    private FastTextReader() {
    }

    static FastTextModel read(Path file, MemorySegment bytes) {
        BinCursor in = new BinCursor(file, bytes);
        int magic = in.int32("magic");
        if (magic != FastTextFormat.MAGIC) {
            throw in.error(0, "magic", "is " + magic + ", not fastText's " + FastTextFormat.MAGIC
                    + ": this is not a fastText .bin model");
        }
        int version = in.int32("version");
        if (version != 11 && version != 12) {
            throw in.error(4, "version", "is " + version + "; fastText .bin versions 11 and 12 are supported");
        }
        FastTextArgs args = readArgs(in);
        if (version == 11 && args.model() == FastTextArgs.MODEL_SUPERVISED) {
            args = args.withMaxn(0); // as fastText does: classifiers saved as version 11 did not use char n-grams
        }
        Dictionary dictionary = readDictionary(in, args);
        long quantOffset = in.offset();
        if (in.int8("quant_input") != 0) {
            throw in.error(quantOffset, "quant_input", "is set: quantized fastText models (.ftz) are not supported");
        }
        if (dictionary.pruned) {
            throw in.error(dictionary.pruneOffset, "dictionary.pruneidx_size", "marks a pruned dictionary, which only a"
                    + " quantized model may have (fastText refuses this file too)");
        }
        MatrixShape inputShape = readShape(in, "input", args.dim());
        if (inputShape.rows != (long) dictionary.words.size() + args.bucket()) {
            throw in.error(inputShape.offset, "input.rows", "is " + inputShape.rows + ", expected nwords + bucket = "
                    + dictionary.words.size() + " + " + args.bucket());
        }
        MemorySegment input = in.slice(inputShape.bytes(), "input.data");
        checkFinite(in, input, inputShape);
        in.int8("qout"); // quantizes the output only in a quantized model, which was refused above
        MatrixShape outputShape = readShape(in, "output", args.dim());
        MemorySegment output = in.slice(outputShape.bytes(), "output.data");
        if (in.remaining() > 0) {
            throw in.error(in.offset(), "output.data", "is followed by " + in.remaining()
                    + " more bytes; a fastText model ends with its output matrix");
        }
        int nwords = dictionary.words.size();
        long wordBytes = (long) nwords * args.dim() * 4;
        MappedMatrix wordRows = new MappedMatrix(input.asSlice(0, wordBytes), nwords, args.dim(), DType.F32);
        MappedMatrix bucketRows = new MappedMatrix(input.asSlice(wordBytes), args.bucket(), args.dim(), DType.F32);
        Vocabulary vocabulary = Vocabulary.of(dictionary.words, dictionary.counts);
        SubwordVectors vectors = new SubwordVectors(vocabulary, wordRows, bucketRows,
                new CharNgrams(args.minn(), args.maxn(), args.bucket()));
        return new FastTextModel(args, vectors, dictionary.tokens,
                new MappedMatrix(output, (int) outputShape.rows, args.dim(), DType.F32), dictionary.labels);
    }

    private static FastTextArgs readArgs(BinCursor in) {
        long start = in.offset();
        FastTextArgs args = new FastTextArgs(in.int32("args.dim"), in.int32("args.ws"), in.int32("args.epoch"),
                in.int32("args.minCount"), in.int32("args.neg"), in.int32("args.wordNgrams"), in.int32("args.loss"),
                in.int32("args.model"), in.int32("args.bucket"), in.int32("args.minn"), in.int32("args.maxn"),
                in.int32("args.lrUpdateRate"), in.float64("args.t"));
        if (args.dim() < 1) {
            throw in.error(start, "args.dim", "is " + args.dim() + "; it must be at least 1");
        }
        if (args.bucket() < 0) {
            throw in.error(start + 32, "args.bucket", "is " + args.bucket() + "; it must not be negative");
        }
        if (args.minn() < 0 || args.maxn() < 0) {
            throw in.error(start + 36, "args.minn", "minn=" + args.minn() + " and maxn=" + args.maxn()
                    + ": n-gram lengths must not be negative");
        }
        if (args.maxn() > 0 && args.bucket() == 0) {
            throw in.error(start + 32, "args.bucket", "is 0 but maxn=" + args.maxn() + " asks for n-grams, which need"
                    + " buckets to hash into");
        }
        return args;
    }

    private record Dictionary(List<String> words, long[] counts, int labels, long tokens, boolean pruned,
                              long pruneOffset) {
    }

    private static Dictionary readDictionary(BinCursor in, FastTextArgs args) {
        long sizeOffset = in.offset();
        int size = in.int32("dictionary.size");
        int nwords = in.int32("dictionary.nwords");
        int nlabels = in.int32("dictionary.nlabels");
        if (size < 0 || nwords < 0 || nlabels < 0 || (long) nwords + nlabels != size) {
            throw in.error(sizeOffset, "dictionary.size", "is " + size + " with nwords=" + nwords + " and nlabels="
                    + nlabels + "; size must be nwords + nlabels, none negative");
        }
        long tokens = in.int64("dictionary.ntokens");
        long pruneOffset = in.offset();
        long pruneSize = in.int64("dictionary.pruneidx_size");
        if (pruneSize < -1) {
            throw in.error(pruneOffset, "dictionary.pruneidx_size", "is " + pruneSize + "; it must be -1 or more");
        }
        if ((long) size * MIN_ENTRY_BYTES > in.remaining()) {
            throw in.error(sizeOffset, "dictionary.size", "claims " + size + " entries, at least " + (long) size
                    * MIN_ENTRY_BYTES + " bytes, but only " + in.remaining() + " bytes follow");
        }
        List<String> words = new ArrayList<>(nwords);
        long[] counts = new long[nwords];
        Map<String, Integer> seen = HashMap.newHashMap(nwords);
        for (int i = 0; i < size; i++) {
            long entryOffset = in.offset();
            String field = "dictionary.entry[" + i + "]";
            String word = decode(in, in.cString(field + ".word", MAX_WORD_BYTES), entryOffset, field + ".word");
            long count = in.int64(field + ".count");
            long typeOffset = in.offset();
            int type = in.int8(field + ".type");
            int expected = i < nwords ? 0 : 1; // fastText sorts words (type 0) before labels (type 1)
            if (type != expected) {
                throw in.error(typeOffset, field + ".type", "is " + type + ", expected " + expected + " ("
                        + (expected == 0 ? "a word: the first nwords entries" : "a label: the entries after the words")
                        + ")");
            }
            if (i >= nwords) {
                continue; // a classifier's label: not a word, and has no input row
            }
            if (word.isEmpty()) {
                throw in.error(entryOffset, field + ".word", "is empty");
            }
            Integer previous = seen.putIfAbsent(word, i);
            if (previous != null) {
                throw in.error(entryOffset, field + ".word", "is '" + word + "', already the word of entry " + previous);
            }
            if (count < 0) {
                throw in.error(typeOffset - 8, field + ".count", "is " + count + "; counts must not be negative");
            }
            words.add(word);
            counts[i] = count;
        }
        if (pruneSize > in.remaining() / 8) {
            throw in.error(pruneOffset, "dictionary.pruneidx_size", "claims " + pruneSize + " pairs of int32, but only "
                    + in.remaining() + " bytes follow");
        }
        if (pruneSize > 0) {
            in.skip(pruneSize * 8, "dictionary.pruneidx"); // the model is refused right after, as not quantized
        }
        return new Dictionary(words, counts, nlabels, tokens, pruneSize >= 0, pruneOffset);
    }

    private record MatrixShape(long offset, long rows, long cols) {
        long bytes() {
            return rows * cols * 4;
        }
    }

    private static MatrixShape readShape(BinCursor in, String name, int dim) {
        long offset = in.offset();
        long rows = in.int64(name + ".rows");
        long cols = in.int64(name + ".cols");
        if (cols != dim) {
            throw in.error(offset + 8, name + ".cols", "is " + cols + ", expected the model's dim=" + dim);
        }
        if (rows < 0 || rows > Integer.MAX_VALUE) {
            throw in.error(offset, name + ".rows", "is " + rows + "; it must be between 0 and " + Integer.MAX_VALUE);
        }
        if (rows > in.remaining() / 4 / cols) { // divided, so a huge claim cannot overflow
            throw in.error(offset, name + ".rows", "claims " + rows + "×" + cols + " float32 values, but only "
                    + in.remaining() + " bytes follow");
        }
        return new MatrixShape(offset, rows, cols);
    }

    /** Scans the input matrix in blocks copied to the heap: a multi-GB model is checked at memory speed. */
    private static void checkFinite(BinCursor in, MemorySegment input, MatrixShape shape) {
        long start = in.offset() - input.byteSize();
        float[] block = new float[1 << 16];
        long values = input.byteSize() / 4;
        for (long first = 0; first < values; first += block.length) {
            int n = (int) Math.min(block.length, values - first);
            MemorySegment.copy(input, FLOAT_LE, first * 4, block, 0, n);
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(block[i])) {
                    long index = first + i;
                    throw in.error(start + 4 * index, "input.data", "holds " + block[i] + " at row " + index / shape.cols
                            + ", column " + index % shape.cols + ": NaN and infinity are not allowed");
                }
            }
        }
    }

    private static String decode(BinCursor in, byte[] bytes, long offset, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw in.error(offset, field, "is not valid UTF-8");
        }
    }
}
