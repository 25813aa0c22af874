package dev.embedkit.io;

import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns an {@link IOException} into embedkit's exception family, so callers catch one type and users read one message. */
public final class IoErrors {
    private IoErrors() {
    }

    public static EmbedkitException wrap(Path file, IOException e) {
        // A missing or unreadable file is the user's to fix; anything else (disk full, I/O error) keeps its cause.
        if (e instanceof NoSuchFileException) {
            return new BadInputException(file + ": no such file or directory");
        }
        if (e instanceof AccessDeniedException) {
            return new BadInputException(file + ": permission denied");
        }
        return new EmbedkitException(file + ": " + (e.getMessage() != null ? e.getMessage() : e.toString()), e);
    }
}
