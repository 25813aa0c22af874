package dev.embedkit.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.server.Limits;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.server.problem.ProblemType;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request's JSON object, read within the size limit and checked field by field: each accessor checks the type
 * and the bound and names both when it refuses. Fields the endpoint does not know are refused too, so a typo
 * ("K" for "k") is an error rather than a silent default.
 */
final class JsonBody {
    private static final int DISCARD_FACTOR = 8;
    private final ObjectNode object;
    private final Limits limits;

    private JsonBody(ObjectNode object, Limits limits) {
        this.object = object;
        this.limits = limits;
    }

    static JsonBody read(Context ctx, ObjectMapper json, Limits limits, Set<String> allowed) {
        String type = ctx.contentType();
        if (type != null && !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type is " + type
                    + "; send the request body as application/json", null);
        }
        byte[] bytes;
        try {
            bytes = readBounded(ctx, limits.maxBodyBytes());
        } catch (IOException e) {
            throw incomplete(e);
        }
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "malformed JSON" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(root instanceof ObjectNode body)) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "the request body must be a JSON object, got "
                    + (root == null || root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)), null);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ProblemException.invalidField(name, "unknown field; this endpoint takes " + sorted(allowed));
            }
        }
        return new JsonBody(body, limits);
    }

    /** " at line L, column C", or nothing when the parser gives no location (a nesting or length limit may not). */
    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /**
     * The body's bytes, refusing more than {@code max}: by Content-Length before reading, by counting otherwise.
     * A refused body is read and discarded first (up to {@value #DISCARD_FACTOR} × max): closing a connection with
     * unread bytes makes TCP reset it, and the client would see a broken connection instead of the 413.
     */
    private static byte[] readBounded(Context ctx, int max) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > max) {
                discard(in, (long) max * DISCARD_FACTOR);
                throw tooLarge(declared + " bytes", max);
            }
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                discard(in, (long) max * DISCARD_FACTOR);
                throw tooLarge("more than " + max + " bytes", max);
            }
            return bytes;
        }
    }

    private static void discard(InputStream in, long most) {
        byte[] buffer = new byte[8_192];
        try {
            for (long left = most; left > 0; ) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    return;
                }
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: it is refused anyway
        }
    }

    /**
     * Reading the body failed: the client stopped sending until the server's idle timeout, or went away mid-body.
     * Either way the fault is the client's, so a 4xx rather than a 500 (and no stack trace in the log).
     */
    private static ProblemException incomplete(IOException e) {
        return new ProblemException(ProblemType.INCOMPLETE_BODY, "the request body stopped before its end ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "); send the whole body without pausing", null);
    }

    private static ProblemException tooLarge(String size, int max) {
        return new ProblemException(ProblemType.BODY_TOO_LARGE, "the request body is " + size
                + "; the limit is " + max + " bytes (" + max / 1024 + " KiB)", null);
    }

    boolean has(String field) {
        return object.has(field) && !object.get(field).isNull();
    }

    /** Exactly one of {@code fields} must be given; returns which. */
    String exactlyOne(String... fields) {
        List<String> given = new ArrayList<>();
        for (String field : fields) {
            if (has(field)) {
                given.add(field);
            }
        }
        if (given.size() != 1) {
            String names = String.join(", ", fields);
            throw ProblemException.invalidField(given.isEmpty() ? fields[0] : given.get(1),
                    (given.isEmpty() ? "missing: give exactly one of " : "give only one of ") + names
                            + (given.isEmpty() ? "" : " (got " + String.join(" and ", given) + ")"));
        }
        return given.getFirst();
    }

    /** A string of at most maxTextChars characters; required. */
    String text(String field) {
        JsonNode node = required(field);
        if (!node.isTextual()) {
            throw wrongType(field, "a string", node);
        }
        String text = node.textValue();
        if (text.length() > limits.maxTextChars()) {
            throw ProblemException.invalidField(field, "is " + text.length() + " characters long; the limit is "
                    + limits.maxTextChars());
        }
        return text;
    }

    /** An array of 1..maxIds integers; required. Range checks against the vocabulary are the caller's. */
    int[] ids(String field) {
        JsonNode array = array(field, limits.maxIds(), "IDs");
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode node = array.get(i);
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw wrongType(field + "[" + i + "]", "an integer token ID", node);
            }
            ids[i] = node.intValue();
        }
        return ids;
    }

    /** An array of 1..maxQueries strings; required. */
    List<String> words(String field) {
        JsonNode array = array(field, limits.maxQueries(), "words");
        List<String> words = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode node = array.get(i);
            if (!node.isTextual()) {
                throw wrongType(field + "[" + i + "]", "a string", node);
            }
            words.add(node.textValue());
        }
        return words;
    }

    /** An array of exactly {@code dim} finite numbers (each read as float32); required. */
    float[] vector(String field, int dim) {
        JsonNode array = required(field);
        if (!array.isArray()) {
            throw wrongType(field, "an array of " + dim + " numbers", array);
        }
        if (array.size() != dim) {
            throw ProblemException.invalidField(field, "has " + array.size() + " values but the model's dimension is d="
                    + dim);
        }
        float[] vector = new float[dim];
        for (int i = 0; i < dim; i++) {
            JsonNode node = array.get(i);
            if (!node.isNumber()) {
                throw wrongType(field + "[" + i + "]", "a number", node);
            }
            vector[i] = node.floatValue();
            if (!Float.isFinite(vector[i])) {
                throw ProblemException.invalidField(field + "[" + i + "]", "is " + node.asText()
                        + "; values must be finite float32 numbers (|x| < 3.4e38, no NaN or Infinity)");
            }
        }
        return vector;
    }

    /** k: an integer in 1..maxK, {@code fallback} if absent. */
    int k(int fallback) {
        if (!has("k")) {
            return fallback;
        }
        JsonNode node = object.get("k");
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrongType("k", "an integer", node);
        }
        int k = node.intValue();
        if (k < 1 || k > limits.maxK()) {
            throw ProblemException.invalidField("k", "is " + k + "; it must be between 1 and " + limits.maxK());
        }
        return k;
    }

    /** A finite number in (0, max], {@code fallback} if absent. */
    double positive(String field, double fallback, double max) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode node = object.get(field);
        if (!node.isNumber()) {
            throw wrongType(field, "a number", node);
        }
        double value = node.doubleValue();
        if (!(value > 0) || value > max) {
            throw ProblemException.invalidField(field, "is " + node.asText() + "; it must be > 0 and at most " + max);
        }
        return value;
    }

    /** One of {@code choices} (case-insensitive), {@code fallback} if absent. */
    String choice(String field, String fallback, List<String> choices) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode node = object.get(field);
        if (!node.isTextual() || !choices.contains(node.textValue().toLowerCase(Locale.ROOT))) {
            throw ProblemException.invalidField(field, "is " + node + "; it must be one of " + choices);
        }
        return node.textValue().toLowerCase(Locale.ROOT);
    }

    private JsonNode required(String field) {
        if (!has(field)) {
            throw ProblemException.invalidField(field, "missing");
        }
        return object.get(field);
    }

    private JsonNode array(String field, int max, String what) {
        JsonNode array = required(field);
        if (!array.isArray()) {
            throw wrongType(field, "an array", array);
        }
        if (array.isEmpty()) {
            throw ProblemException.invalidField(field, "is empty; give at least one");
        }
        if (array.size() > max) {
            throw ProblemException.invalidField(field, "has " + array.size() + " " + what + "; the limit is " + max);
        }
        return array;
    }

    private static ProblemException wrongType(String field, String expected, JsonNode got) {
        return ProblemException.invalidField(field, "must be " + expected + ", got " + describe(got));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
