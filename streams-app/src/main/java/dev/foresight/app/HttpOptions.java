package dev.foresight.app;

import dev.foresight.query.BearerToken;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where {@code run} serves the shadow REST API, and the address other instances forward requests to. */
final class HttpOptions {

    static final String TOKEN_ENV = "FORESIGHT_HTTP_TOKEN";

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the REST API; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Interface the REST API listens on (default: ${DEFAULT-VALUE}, this machine only). Another "
                    + "interface (0.0.0.0: every one) needs --http-token or --http-allow-public-without-token.")
    String bindAddress;

    @Option(names = "--http-token", paramLabel = "TOKEN", defaultValue = "${env:" + TOKEN_ENV + "}",
            description = "Bearer token every request must carry (Authorization: Bearer TOKEN); default: the "
                    + "environment variable " + TOKEN_ENV + ". Never logged.")
    String token;

    @Option(names = "--http-allow-public-without-token",
            description = "Serve a non-loopback --http-bind without a token: anyone who reaches the port can publish "
                    + "events. Only behind something else that authenticates.")
    boolean allowPublicWithoutToken;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--advertised-host", defaultValue = "localhost", paramLabel = "HOST",
            description = "Host name other instances reach this one's REST API at; with the port it becomes "
                    + "Kafka Streams' application.server (default: ${DEFAULT-VALUE}).")
    String advertisedHost;

    /**
     * This instance's REST endpoint. Port 0 is resolved here, before anything starts: application.server
     * must name the real port when Kafka Streams is created, and the server needs Kafka Streams to start.
     */
    HostInfo endpoint() throws IOException {
        if (port != 0) {
            return new HostInfo(advertisedHost, port);
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return new HostInfo(advertisedHost, socket.getLocalPort());
        }
    }

    /**
     * The token requests must carry. An API on a public interface without one would let anyone who reaches
     * the port publish events, so that is refused unless explicitly allowed.
     *
     * @throws ParameterException for a public bind address without a token or the explicit allowance
     */
    BearerToken access() {
        if (token != null && !token.isBlank()) {
            return BearerToken.of(token);
        }
        if (!isLoopback(bindAddress) && !allowPublicWithoutToken) {
            throw new ParameterException(spec.commandLine(), "--http-bind " + bindAddress + " is not a loopback "
                    + "address: set --http-token (or " + TOKEN_ENV + "), or pass --http-allow-public-without-token");
        }
        return BearerToken.none();
    }

    private boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--http-bind " + address + " is not a known address");
        }
    }
}
