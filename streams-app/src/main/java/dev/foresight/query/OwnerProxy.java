package dev.foresight.query;

import io.javalin.http.Context;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Forwards a request unchanged (its bearer token included) to the instance that owns its key and relays the answer. The forwarded
 * request is marked, so an owner whose metadata disagrees answers 503 instead of forwarding again.
 */
final class OwnerProxy {

    static final String FORWARDED = "X-Foresight-Forwarded";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    static boolean wasForwarded(Context ctx) {
        return ctx.header(FORWARDED) != null;
    }

    /**
     * Sends the request to the owner of {@code key} when that is another instance.
     *
     * @param what names the key in errors, e.g. "workflow w-1"
     * @return true if the request was answered by the owner, false if this instance owns the key
     */
    boolean forwardedToOwner(Context ctx, KeyOwner owner, String what) {
        if (owner instanceof KeyOwner.Unavailable unavailable) {
            throw ApiException.unavailable(unavailable.reason());
        }
        if (owner instanceof KeyOwner.Remote remote) {
            if (wasForwarded(ctx)) {
                throw ApiException.unavailable("ownership of " + what + " is moving");
            }
            forward(ctx, remote);
            return true;
        }
        return false;
    }

    private void forward(Context ctx, KeyOwner.Remote owner) {
        String query = ctx.queryString();
        URI uri = URI.create("http://" + owner.host() + ":" + owner.port() + ctx.path()
                + (query == null ? "" : "?" + query));
        byte[] body = ctx.bodyAsBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header(FORWARDED, "true")
                .method(ctx.method().name(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String authorization = ctx.header(BearerToken.AUTHORIZATION);
        if (authorization != null) {
            request.header(BearerToken.AUTHORIZATION, authorization);
        }
        if (ctx.contentType() != null) {
            request.header("Content-Type", ctx.contentType());
        }
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ApiException.unavailable("the owner " + owner.host() + ":" + owner.port() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking the owner");
        }
        ctx.status(response.statusCode());
        response.headers().firstValue("Content-Type").ifPresent(ctx::contentType);
        response.headers().firstValue("Retry-After").ifPresent(value -> ctx.header("Retry-After", value));
        ctx.result(response.body());
    }
}
