package dev.embedkit.fasttext;

import dev.embedkit.io.IoErrors;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fastText's .bin model: telling it by its first bytes, reading it and writing it (atomically). */
public final class FastTextFormat {
    /** The int32 every fastText .bin since 2017 starts with. */
    public static final int MAGIC = 793712314;
    /** The file format version fastText 0.9 writes; 11 is read too. */
    public static final int VERSION = 12;

    private FastTextFormat() {
    }

    /** Whether {@code start} (a file's first bytes) begins with fastText's magic number. */
    public static boolean hasMagic(byte[] start) {
        return start.length >= 4 && ByteBuffer.wrap(start, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == MAGIC;
    }

    /** Reads a .bin; its matrices are memory-mapped, so opening a large model costs little until vectors are used. */
    public static FastTextModel read(Path file) {
        MemorySegment bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // the automatic arena unmaps the file once no matrix refers to it
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), Arena.ofAuto());
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
        return FastTextReader.read(file, bytes);
    }

    /** Writes {@code model} as a version-12 .bin; the old file stays until the new one is complete. */
    public static void write(FastTextModel model, Path file) {
        FastTextWriter.write(model, file);
    }
}
