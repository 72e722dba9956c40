package dev.foresight.query;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token every request must carry when one is set ({@code Authorization: Bearer <token>}).
 * Compared in constant time; never logged, never echoed.
 */
public final class BearerToken {

    static final String AUTHORIZATION = "Authorization";
    private static final String SCHEME = "Bearer ";

    private final Optional<byte[]> expected;

    private BearerToken(Optional<byte[]> expected) {
        this.expected = expected;
    }

    /** Every request is let in: for a loopback-only API, or one the operator deliberately left open. */
    public static BearerToken none() {
        return new BearerToken(Optional.empty());
    }

    public static BearerToken of(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the bearer token is empty");
        }
        return new BearerToken(Optional.of(token.getBytes(StandardCharsets.UTF_8)));
    }

    public boolean required() {
        return expected.isPresent();
    }

    /** @throws ApiException 401 when a token is required and the request does not carry it */
    void check(Context ctx) {
        if (expected.isEmpty()) {
            return;
        }
        String header = ctx.header(AUTHORIZATION);
        byte[] given = header != null && header.startsWith(SCHEME)
                ? header.substring(SCHEME.length()).getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(expected.get(), given)) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"foresight\"");
            throw new ApiException(401, header == null ? "missing bearer token" : "invalid bearer token");
        }
    }
}
