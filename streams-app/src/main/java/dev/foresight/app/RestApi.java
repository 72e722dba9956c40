package dev.foresight.app;

import dev.foresight.producers.KafkaEventSink;
import dev.foresight.query.BearerToken;
import dev.foresight.query.QueryServer;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The shadow REST API of a running app ({@link QueryServer}). Its writes become events on the input
 * topics, sent with a producer of its own.
 */
final class RestApi implements AutoCloseable {

    private final KafkaEventSink sink;
    private final QueryServer server;

    private RestApi(KafkaEventSink sink, QueryServer server) {
        this.sink = sink;
        this.server = server;
    }

    /** Listens on {@code bindAddress} at {@code self}'s port; {@code self} is where other instances forward to. */
    static RestApi start(StreamsApp app, Cluster cluster, String bindAddress, HostInfo self, BearerToken token) {
        KafkaEventSink sink = KafkaEventSink.connect(cluster.clientConfig(), cluster.serdes());
        try {
            return new RestApi(sink, app.queryServer(sink, self).start(bindAddress, self.port(), token));
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    /** Stops answering before it closes the producer that answers publish with. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            sink.close();
        }
    }
}
