package dev.foresight.ingest;

import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Reads every input topic as raw bytes and splits it into valid events and dead letters.
 *
 * <p>Inputs: {@code telemetry.events.v1}, {@code workflow.events.v1}, {@code deployment.events.v1},
 * {@code pipeline.events.v1}, {@code health.events.v1}, {@code service.topology.v1}. Output: {@code deadletter.v1}. No stores.
 */
public final class IngestStage {

    private final AvroSerdes serdes;
    private final IngestSettings settings;
    private final Serde<DeadLetter> deadLetterSerde;

    public IngestStage(AvroSerdes serdes, IngestSettings settings) {
        this.serdes = serdes;
        this.settings = settings;
        this.deadLetterSerde = serdes.valueSerde();
    }

    public ValidatedInputs build(StreamsBuilder builder) {
        Duration anyLateness = Duration.ofMillis(Long.MAX_VALUE);
        return new ValidatedInputs(
                validated(builder, EventFamilies.TELEMETRY, settings.maxTelemetryLateness()),
                validated(builder, EventFamilies.WORKFLOWS, anyLateness),
                validated(builder, EventFamilies.DEPLOYMENTS, anyLateness),
                validated(builder, EventFamilies.PIPELINES, anyLateness),
                validated(builder, EventFamilies.HEALTH, anyLateness),
                validated(builder, EventFamilies.SERVICE_TOPOLOGY, anyLateness));
    }

    private <V extends SpecificRecord> KStream<String, V> validated(
            StreamsBuilder builder, EventFamily<V> family, Duration maxLateness) {
        String name = family.name();
        KStream<String, Checked<V>> checked = builder
                .stream(family.topic().name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName(name + "-source"))
                .processValues(() -> new ValidatingProcessor<>(
                        family, serdes.<V>valueSerde().deserializer(), settings, maxLateness),
                        Named.as(name + "-validate"));
        checked.filterNot((key, c) -> c.isValid(), Named.as(name + "-rejected"))
                .mapValues(Checked::deadLetter, Named.as(name + "-dead-letter"))
                .to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.String(), deadLetterSerde)
                        .withName(name + "-dead-letter-sink"));
        return checked.filter((key, c) -> c.isValid(), Named.as(name + "-accepted"))
                .mapValues(Checked::value, Named.as(name + "-event"));
    }
}
