package dev.embedkit.io;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hidden siblings {@link AtomicFiles} writes through, named for the process that writes them, and the cleanup
 * of those a killed writer left: ".NAME.tmp-PID-UUID", a temp never renamed into place, and ".NAME.old-PID-UUID",
 * the previous directory NAME moved aside while a new one replaced it. Only a writer that is no longer running
 * leaves anything to clean: a live process's siblings (this one's, or those of a process that reused a dead
 * writer's PID) are left alone.
 */
final class WriteLeftovers {
    private static final Logger LOG = LoggerFactory.getLogger(WriteLeftovers.class);
    static final String TEMP = "tmp";
    static final String OLD = "old";
    /** UUID.toString(); a PID of 18 digits at most, so it parses as a long (Linux PIDs stay below 2^22). */
    private static final Pattern NAME = Pattern.compile("\\.(.+)\\.(" + TEMP + "|" + OLD + ")-([1-9][0-9]{0,17})-"
            + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A sibling of a writer that is no longer running; {@code target} is the path it was writing. */
    private record Leftover(Path path, Path target, String kind, long pid) {
    }

    private WriteLeftovers() {
    }

    /** A fresh hidden name, of the given kind, for this process to write {@code targetName} through. */
    static String freshName(String targetName, String kind) {
        return "." + targetName + "." + kind + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
    }

    /**
     * Cleans what dead writers left in {@code parent}: deletes their temps and their old copies, except an old copy
     * whose target is missing (the writer died between its two renames), which is moved back to be the target again.
     * Best effort: what cannot be cleaned is logged and left, the write goes on.
     */
    static void sweep(Path parent) {
        for (Leftover left : ofDeadWriters(parent)) {
            try {
                if (left.kind().equals(OLD) && Files.notExists(left.target(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(left.path(), left.target()); // without REPLACE_EXISTING: a new target wins
                    LOG.info("restored {}: writer {} was killed while replacing it, leaving the previous version at {}",
                            left.target(), left.pid(), left.path().getFileName());
                } else {
                    AtomicFiles.deleteRecursively(left.path());
                    LOG.info("removed {}, left by writer {}, which is no longer running", left.path(), left.pid());
                }
            } catch (IOException e) {
                LOG.warn("cannot clean up {}, left by an interrupted write: {}", left.path(), e.toString());
            }
        }
    }

    /** The previous version of a missing {@code target} that a dead writer moved aside and never put back. */
    static Optional<Path> movedAside(Path target) {
        Path absolute = target.toAbsolutePath();
        if (absolute.getParent() == null || !Files.notExists(absolute, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return ofDeadWriters(absolute.getParent()).stream()
                .filter(left -> left.kind().equals(OLD) && left.target().getFileName().equals(absolute.getFileName()))
                .map(Leftover::path).findFirst();
    }

    private static List<Leftover> ofDeadWriters(Path parent) {
        List<Path> entries;
        try (Stream<Path> listed = Files.list(parent)) {
            entries = listed.toList();
        } catch (IOException e) {
            return List.of(); // a missing or unreadable directory: the write itself reports it
        }
        List<Leftover> found = new ArrayList<>();
        for (Path entry : entries) {
            Matcher name = NAME.matcher(entry.getFileName().toString());
            if (name.matches()) {
                long pid = Long.parseLong(name.group(3));
                if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
                    found.add(new Leftover(entry, parent.resolve(name.group(1)), name.group(2), pid));
                }
            }
        }
        return found;
    }
}
