package dev.foresight.app;

import dev.foresight.producers.KafkaEventSink;
import dev.foresight.query.BearerToken;
import dev.foresight.query.QueryServer;
import dev.foresight.query.dashboard.DashboardFeed;
import dev.foresight.query.dashboard.DashboardView;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The REST API and dashboard of a running app ({@link QueryServer}). Its writes become events on the input
 * topics, sent with a producer of its own; the dashboard follows the output topics with a consumer of its own.
 */
final class RestApi implements AutoCloseable {

    private final KafkaEventSink sink;
    private final DashboardFeed feed;
    private final QueryServer server;

    private RestApi(KafkaEventSink sink, DashboardFeed feed, QueryServer server) {
        this.sink = sink;
        this.feed = feed;
        this.server = server;
    }

    /** Listens on {@code bindAddress} at {@code self}'s port; {@code self} is where other instances forward to. */
    static RestApi start(StreamsApp app, Cluster cluster, String bindAddress, HostInfo self, BearerToken token) {
        KafkaEventSink sink = KafkaEventSink.connect(cluster.clientConfig(), cluster.serdes());
        DashboardView view = new DashboardView();
        DashboardFeed feed = DashboardFeed.start(cluster.clientConfig(), cluster.serdes().valueSerde().deserializer(),
                view);
        try {
            return new RestApi(sink, feed, app.queryServer(sink, self).withDashboard(view, app.shadowCatalogue(self))
                    .start(bindAddress, self.port(), token));
        } catch (RuntimeException e) {
            feed.close();
            sink.close();
            throw e;
        }
    }

    /** Stops answering before it closes the clients the answers come from. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            try {
                feed.close();
            } finally {
                sink.close();
            }
        }
    }
}
