package dev.foresight.ingest;

import dev.foresight.deadletter.Checked;
import dev.foresight.deadletter.DeadLetterSplit;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.serde.BundledSchemas;
import dev.foresight.topics.TopicSpec;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Reads every input topic as raw bytes and splits it into valid events and dead letters.
 *
 * <p>Inputs ({@link IngestTopics}): {@code telemetry.events.v1}, {@code workflow.events.v1}, {@code deployment.events.v1},
 * {@code pipeline.events.v1}, {@code health.events.v1}, {@code fleet.requests.v1}, {@code fleet.heartbeats.v1},
 * {@code service.topology.v1}. Stores: {@code <family>-event-id-store} per input (accepted event ids, for
 * duplicates). Output: {@code deadletter.v1}.
 */
public final class IngestStage {

    private final AvroSerdes serdes;
    private final IngestSettings settings;
    private final IngestTopics topics;
    private final DeadLetterSplit deadLetters;
    /** Trailing bytes are found with the bundled writer schemas; a registry-only schema id is not checked. */
    private final TrailingBytes trailing = new TrailingBytes(BundledSchemas.instance()::byId);

    public IngestStage(AvroSerdes serdes, IngestSettings settings, IngestTopics topics, DeadLetterSplit deadLetters) {
        this.serdes = serdes;
        this.settings = settings;
        this.topics = topics;
        this.deadLetters = deadLetters;
    }

    public ValidatedInputs build(StreamsBuilder builder) {
        Duration anyLateness = Duration.ofMillis(Long.MAX_VALUE);
        return new ValidatedInputs(
                validated(builder, EventFamilies.TELEMETRY, topics.telemetry(), settings.maxTelemetryLateness()),
                validated(builder, EventFamilies.WORKFLOWS, topics.workflows(), anyLateness),
                validated(builder, EventFamilies.DEPLOYMENTS, topics.deployments(), anyLateness),
                validated(builder, EventFamilies.PIPELINES, topics.pipelines(), anyLateness),
                validated(builder, EventFamilies.HEALTH, topics.health(), anyLateness),
                validated(builder, EventFamilies.FLEET_REQUESTS, topics.fleetRequests(), anyLateness),
                validated(builder, EventFamilies.FLEET_HEARTBEATS, topics.fleetHeartbeats(), anyLateness),
                validated(builder, EventFamilies.SERVICE_TOPOLOGY, topics.serviceTopology(), anyLateness));
    }

    private <V extends SpecificRecord> KStream<String, V> validated(
            StreamsBuilder builder, EventFamily<V> family, TopicSpec<V> topic, Duration maxLateness) {
        String name = family.name();
        RecordBounds<V> bounds = new RecordBounds<>(family, topic, settings, trailing, maxLateness);
        KStream<String, Checked<V>> checked = builder
                .stream(topic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName(name + "-source"))
                .processValues(new ValidatingSupplier<>(family, () -> serdes.valueSerde(topic).deserializer(), bounds,
                        settings.duplicateWindow()), Named.as(name + "-validate"));
        return deadLetters.valid(checked, name, "rejected", "accepted");
    }
}
