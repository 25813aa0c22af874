package dev.embedkit.eval;

import dev.embedkit.BadInputException;
import dev.embedkit.EmbedkitException;
import dev.embedkit.FormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the (small) evaluation files: whole, as strict UTF-8 decoded line by line so an invalid byte is blamed on its line. */
final class EvalFiles {
    private EvalFiles() {
    }

    /** The lines of {@code file} without terminators ("\n", or "\r\n"); line i of the file is element i − 1. */
    static List<String> readLines(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new BadInputException(file + ": is a directory, not an evaluation file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file + ": permission denied");
        } catch (IOException e) {
            throw new EmbedkitException(file + ": " + e, e);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int length = end - start;
            if (length > 0 && bytes[end - 1] == '\r') {
                length--;
            }
            try {
                lines.add(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, start, length)).toString());
            } catch (CharacterCodingException e) {
                throw FormatException.atLine(file, lines.size() + 1, "is not valid UTF-8");
            }
            start = end + 1;
        }
        return lines;
    }
}
