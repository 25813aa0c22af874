package dev.embedkit.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The small public-domain corpus embedkit ships so that the quickstart runs with nothing downloaded:
 * the King James Bible, one verse per line (31,102 lines, about 790k words), made from Debian's
 * bible-kjv-text by scripts/make-quickstart-corpus.sh.
 */
public final class BundledCorpus {
    public static final String NAME = "King James Bible (public domain), bundled";
    private static final String RESOURCE = "kjv.txt.gz";

    private BundledCorpus() {
    }

    /** A reader over the corpus text; the caller closes it. */
    public static BufferedReader open() {
        InputStream raw = BundledCorpus.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException("bundled corpus " + RESOURCE + " is missing from the embedkit-core jar");
        }
        try {
            return new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled corpus", e);
        }
    }

    /** All lines of the corpus (a few MB: fine to hold). */
    public static List<String> lines() {
        try (BufferedReader reader = open()) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled corpus", e);
        }
    }
}
