package dev.embedkit.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Maps whole files read-only, for the formats whose tables are used in place rather than copied to the heap. */
public final class MappedFiles {
    private MappedFiles() {
    }

    /**
     * The file's bytes as a read-only segment. The automatic arena unmaps it once no matrix refers to it any
     * more, so tables handed out need no close(); the mapping outlives the channel, which is closed here.
     */
    public static MemorySegment map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), Arena.ofAuto());
        } catch (IOException e) {
            throw IoErrors.wrap(file, e);
        }
    }
}
