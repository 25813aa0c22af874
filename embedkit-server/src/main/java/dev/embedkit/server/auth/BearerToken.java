package dev.embedkit.server.auth;

import dev.embedkit.BadInputException;
import dev.embedkit.server.problem.ProblemException;
import dev.embedkit.server.problem.ProblemType;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * The API token ({@code serve --token}): a before-handler that answers every request without
 * {@code Authorization: Bearer TOKEN} with a 401 problem and {@code WWW-Authenticate: Bearer}. Only the explorer
 * page's own static files (the page, its stylesheet and scripts, which hold no model data) are public, so the page
 * can load and then ask for the token. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual},
 * so neither the time taken nor the digest length says how much of a guess was right.
 */
public final class BearerToken implements Handler {
    private static final String SCHEME = "Bearer ";
    private static final Pattern PUBLIC_PAGE = Pattern.compile("/(index\\.html|style\\.css|js/[a-z0-9-]+\\.js)?");

    private final byte[] expected;

    public BearerToken(String token) {
        if (token == null || token.isBlank()) {
            throw new BadInputException("the API token is empty; give a non-blank --token (or EMBEDKIT_TOKEN)");
        }
        this.expected = digest(token);
    }

    @Override
    public void handle(Context ctx) {
        if (isPublicPage(ctx)) {
            return;
        }
        String header = ctx.header("Authorization");
        String reason;
        if (header == null) {
            reason = "this server requires an API token: send the header 'Authorization: Bearer TOKEN'";
        } else if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            reason = "the Authorization header must use the Bearer scheme: 'Authorization: Bearer TOKEN'";
        } else if (!MessageDigest.isEqual(expected, digest(header.substring(SCHEME.length()).strip()))) {
            reason = "the bearer token is not this server's API token";
        } else {
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"embedkit\"");
        throw new ProblemException(ProblemType.UNAUTHORIZED, reason, null);
    }

    private static boolean isPublicPage(Context ctx) {
        String method = ctx.method().name();
        return (method.equals("GET") || method.equals("HEAD")) && PUBLIC_PAGE.matcher(ctx.path()).matches();
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
