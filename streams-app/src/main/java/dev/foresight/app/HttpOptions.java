package dev.foresight.app;

import java.io.IOException;
import java.net.ServerSocket;
import org.apache.kafka.streams.state.HostInfo;
import picocli.CommandLine.Option;

/** Where {@code run} serves the shadow REST API, and the address other instances forward requests to. */
final class HttpOptions {

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the REST API; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "Interface the REST API listens on; every one by default, since other instances forward "
                    + "to it; 127.0.0.1 keeps a single instance private (default: ${DEFAULT-VALUE}).")
    String bindAddress;

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
}
