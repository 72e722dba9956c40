package dev.foresight.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error responses as the API's JSON body {@code {"error": "..."}} instead of an HTML page:
 * what Jetty rejects before any route sees it (414 URI too long, 431 headers too large, 400 malformed).
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message).getBytes(StandardCharsets.UTF_8));
    }

    static String body(int status, String reason) {
        String message = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        try {
            return MAPPER.writeValueAsString(MAPPER.createObjectNode().put("error", message));
        } catch (JsonProcessingException e) {
            return "{\"error\": \"HTTP " + status + "\"}";
        }
    }
}
