package dev.foresight.it;

import dev.foresight.app.EmbeddedKafka;
import dev.foresight.app.TopicAdmin;
import dev.foresight.config.StreamsProperties;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologySettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * An embedded broker with the topic catalogue and the whole topology running on it (exactly-once,
 * commits every 200 ms so that outputs show quickly), for tests that drive the app through its topics.
 */
final class AppOnBroker implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final KafkaStreams streams;

    private AppOnBroker(EmbeddedKafka kafka, KafkaStreams streams) {
        this.kafka = kafka;
        this.streams = streams;
    }

    /** Returns once Kafka Streams is RUNNING, or fails after {@code timeout}. */
    static AppOnBroker start(Path dir, String applicationId, Duration timeout) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), 0, 0);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            new TopicAdmin(admin).createCatalogue((short) 1);
        }
        Map<String, String> overrides = Map.of(
                StreamsConfig.APPLICATION_ID_CONFIG, applicationId,
                StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString(),
                StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        KafkaStreams streams = new KafkaStreams(
                new ForesightTopology(AvroSerdes.bundled(), TopologySettings.defaults()).build(),
                StreamsProperties.create(kafka.bootstrapServers(), overrides, Optional.empty()));
        AppOnBroker app = new AppOnBroker(kafka, streams);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((state, old) -> {
            if (state == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            app.close();
            throw new IllegalStateException("streams app not running within " + timeout);
        }
        return app;
    }

    KafkaStreams.State state() {
        return streams.state();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        kafka.close();
    }
}
