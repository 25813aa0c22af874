package dev.embedkit.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static dev.embedkit.server.SoakRequest.get;
import static dev.embedkit.server.SoakRequest.postJson;

/** The bad requests of {@link SoakTest}, each of which must get a 4xx: one {@link SoakTest.Kind} per abuse. */
final class Abuse {
    private static final String ROYALS = "/api/v1/models/royals";
    private static final int OVER_LIMIT = Limits.DEFAULT.maxBodyBytes() + 1_024;
    private static final String[] VALID_BODIES = {"{\"text\":\"king queen apple\"}", "{\"ids\":[1,5]}",
            "{\"words\":[\"king\"],\"k\":2}", "{\"a\":\"man\",\"b\":\"king\",\"c\":\"woman\",\"k\":2}"};
    private static final String[] POSTS = {"/tokenize", "/embed", "/neighbors", "/analogy", "/unembed"};

    static final List<SoakTest.Kind> KINDS = List.of(
            bad("oversized body", r -> postJson(ROYALS + "/embed", "{\"text\":\"" + "x".repeat(OVER_LIMIT) + "\"}")),
            bad("oversized body, chunked", r -> postJson(ROYALS + "/embed",
                    "{\"text\":\"" + "x".repeat(OVER_LIMIT) + "\"}").chunkedBody()),
            bad("malformed JSON", r -> {
                String body = VALID_BODIES[r.nextInt(VALID_BODIES.length)];
                return postJson(ROYALS + POSTS[r.nextInt(POSTS.length)], body.substring(0, r.nextInt(body.length())));
            }),
            bad("random bytes, invalid UTF-8", r -> {
                byte[] bytes = new byte[1 + r.nextInt(2_000)];
                r.nextBytes(bytes);
                bytes[0] = '{';
                return SoakRequest.post(ROYALS + POSTS[r.nextInt(POSTS.length)], "application/json", bytes);
            }),
            bad("deep nesting", r -> postJson(ROYALS + POSTS[r.nextInt(POSTS.length)], switch (r.nextInt(3)) {
                case 0 -> "[".repeat(100_000);
                case 1 -> "{\"words\":" + "[".repeat(100_000);
                default -> "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
            })),
            bad("huge k", r -> postJson(ROYALS + "/neighbors", "{\"words\":[\"king\"],\"k\":" + List.of("1001",
                    "1000000000", "2147483648", "99999999999999999999999", "1e300", "-1", "0", "2.5", "\"10\"")
                    .get(r.nextInt(9)) + "}")),
            bad("huge number", r -> postJson(ROYALS + "/unembed", "{\"vector\":[1"
                    + "0".repeat(1_000 + r.nextInt(10_000)) + ",0,0]}")),
            bad("unknown token", r -> switch (r.nextInt(4)) {
                case 0 -> postJson(ROYALS + "/neighbors", "{\"words\":[\"" + word(r) + "\"]}");
                case 1 -> postJson(ROYALS + "/unembed", "{\"token\":\"" + word(r) + "\"}");
                case 2 -> postJson(ROYALS + "/tokenize", "{\"text\":\"king " + word(r) + "\"}");
                default -> postJson(ROYALS + "/analogy", "{\"expression\":\"king - " + word(r) + " + woman\"}");
            }),
            bad("unknown model", r -> switch (r.nextInt(4)) {
                case 0 -> get("/api/v1/models/" + word(r));
                case 1 -> postJson("/api/v1/models/" + word(r) + "/neighbors", "{\"words\":[\"king\"]}");
                case 2 -> get("/api/v1/models/" + "m".repeat(2_000) + "/vocab");
                default -> get("/api/v1/models/%2e%2e%2f" + word(r) + "/rows");
            }),
            bad("bad query", r -> get(ROYALS + List.of("/vocab?limit=1000000000000", "/vocab?offset=-5",
                    "/rows?row_end=1099511627776", "/rows?col_start=9&col_end=2", "/projection?n=abc",
                    "/projection?n=100000000", "/tour?step=nope", "/tour?step=lineup&samples=-1",
                    "/tour?step=lookup&id=99999999999", "/vocab?x=" + "y".repeat(5_000)).get(r.nextInt(10)))),
            bad("too long or too many", r -> r.nextBoolean()
                    ? postJson(ROYALS + "/tokenize", "{\"text\":\"" + "king ".repeat(2_001 + r.nextInt(10_000)) + "\"}")
                    : postJson(ROYALS + "/embed", "{\"ids\":[" + "1,".repeat(4_096 + r.nextInt(1_000)) + "1]}")),
            bad("wrong method, path or media type", r -> switch (r.nextInt(4)) {
                case 0 -> get(ROYALS + "/neighbors");
                case 1 -> get("/api/v1/" + word(r));
                case 2 -> SoakRequest.post(ROYALS + "/embed", "text/plain", "king".getBytes(StandardCharsets.UTF_8));
                default -> get(EveryRoute.TRAINING_LOG); // without Accept: text/event-stream
            }),
            bad("huge header", r -> get("/api/v1/health").withHeader("X-Junk", "j".repeat(20_000 + r.nextInt(50_000)))));

    private Abuse() {
    }

    private static SoakTest.Kind bad(String label, Function<Random, SoakRequest> request) {
        return new SoakTest.Kind(label, false, request);
    }

    /** A random word no test model has (the models' tokens are short lower-case English words). */
    private static String word(Random r) {
        StringBuilder word = new StringBuilder("zz");
        for (int i = 0; i < 3 + r.nextInt(8); i++) {
            word.append((char) ('a' + r.nextInt(26)));
        }
        return word.toString();
    }
}
