package dev.embedkit.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The machine-readable training log: one JSON object per report and line,
 * {@code {"step","words","epoch","loss","lr","words_per_sec","time_s"}}, flushed each time so a plot can follow
 * a running job. A loss of NaN (nothing trained in the interval) is written as null. Other trainers write their
 * own fields through {@link #record}.
 */
public final class TrainingLog implements TrainingListener, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final BufferedWriter out;
    private final Supplier<Map<String, ?>> more;

    public TrainingLog(Path file) {
        this(file, Map::of);
    }

    /** A log whose progress lines also hold the fields {@code more} gives at each report (e.g. watched cosines). */
    public TrainingLog(Path file, Supplier<Map<String, ?>> more) {
        this.file = file;
        this.more = more;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EmbedkitException("cannot write the training log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onProgress(TrainingProgress progress) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", progress.step());
        line.put("words", progress.words());
        line.put("epoch", progress.epoch());
        line.put("loss", progress.loss());
        line.put("lr", progress.learningRate());
        line.put("words_per_sec", Math.round(progress.wordsPerSecond()));
        line.put("time_s", Math.round(progress.elapsedSeconds() * 1000) / 1000.0);
        line.putAll(more.get());
        record(line);
    }

    /** Writes one line of any trainer's fields, in their order; NaN and infinite numbers become null. */
    public void record(Map<String, ?> fields) {
        ObjectNode line = JSON.createObjectNode();
        fields.forEach((key, value) -> {
            if (value instanceof Double d && !Double.isFinite(d)) {
                line.putNull(key);
            } else {
                line.putPOJO(key, value);
            }
        });
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new EmbedkitException("cannot write the training log " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new EmbedkitException("cannot close the training log " + file + ": " + e.getMessage(), e);
        }
    }
}
