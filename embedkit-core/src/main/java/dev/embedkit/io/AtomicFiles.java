package dev.embedkit.io;

import dev.embedkit.EmbedkitException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Writes a file or a directory so that readers see either the old content or the complete new one, never a
 * half-written file: the content goes to a temporary sibling (same directory, so same file system), is
 * forced to disk, and is then renamed into place. On failure the temporary is deleted; a process killed midway
 * cannot delete it, so each write first cleans up such leftovers of dead writers beside its target
 * ({@link WriteLeftovers}).
 */
public final class AtomicFiles {

    /** Writes the new content at {@code temp}, a fresh file or an empty directory beside the target. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Cleans up what killed writers left beside {@code target}: their temps go, and a previous version one of them
     * had moved aside while replacing it is put back. Every write does this first; a caller that decides by whether
     * {@code target} exists (refusing to replace a model without --overwrite) calls it before looking.
     */
    public static void recover(Path target) {
        WriteLeftovers.sweep(parentOf(target));
    }

    /** Replaces (or creates) the file {@code target} with what {@code content} writes. */
    public static void write(Path target, Content content) {
        Path temp = null;
        try {
            recover(target);
            temp = Files.createFile(sibling(target, WriteLeftovers.TEMP));
            content.writeTo(temp);
            force(temp);
            // On POSIX file systems ATOMIC_MOVE is rename(2), which replaces an existing file atomically.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw IoErrors.wrap(target, e);
        } catch (EmbedkitException e) {
            deleteQuietly(temp);
            throw namingTarget(target, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Replaces (or creates) the directory {@code target} with what {@code content} writes into an empty
     * temporary directory. An existing target is first renamed aside and deleted only once the new one is in
     * place, so a crash leaves the old or the new directory under the target name, or, killed between the two
     * renames, the old one hidden beside it, which {@link #recover} (and so the next write in that directory) moves
     * back. Callers decide whether an existing directory may be replaced at all.
     */
    public static void writeDirectory(Path target, Content content) {
        Path temp = null;
        try {
            recover(target);
            temp = Files.createDirectory(sibling(target, WriteLeftovers.TEMP));
            content.writeTo(temp);
            try (Stream<Path> files = Files.list(temp)) {
                for (Path file : files.toList()) {
                    force(file);
                }
            }
            if (Files.exists(target)) {
                Path old = sibling(target, WriteLeftovers.OLD);
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                    throw e;
                }
                deleteRecursively(old);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            deleteQuietly(temp);
            throw IoErrors.wrap(target, e);
        } catch (EmbedkitException e) {
            deleteQuietly(temp);
            throw namingTarget(target, e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * An I/O failure inside the content names a hidden temp file the user never asked for (a full disk while
     * writing .model.tmp-…/embeddings.safetensors): report it against the target instead. Other errors (a token
     * the format cannot hold) already say what is wrong and pass through.
     */
    private static EmbedkitException namingTarget(Path target, EmbedkitException e) {
        return e.getCause() instanceof IOException io ? IoErrors.wrap(target, io) : e;
    }

    /**
     * A fresh hidden name beside {@code target}. Files.createTemp* would make it private (0600/0700), and the
     * rename would carry that over to the result; plain create respects the user's umask like any other file.
     */
    private static Path sibling(Path target, String kind) {
        return parentOf(target).resolve(WriteLeftovers.freshName(target.getFileName().toString(), kind));
    }

    private static Path parentOf(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null) {
            throw new EmbedkitException("cannot write to " + target + ": it has no parent directory");
        }
        return parent;
    }

    private static void force(Path file) throws IOException {
        if (Files.isRegularFile(file)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            deleteRecursively(path);
        } catch (IOException ignored) {
            // Cleanup after a failure: the original error is the one worth reporting.
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
