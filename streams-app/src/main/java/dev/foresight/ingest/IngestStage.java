package dev.foresight.ingest;

import dev.foresight.topics.Topic;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Reads every input topic as raw bytes and splits it into valid events and dead letters.
 *
 * <p>Inputs ({@link IngestTopics}): {@code telemetry.events.v1}, {@code workflow.events.v1},
 * {@code deployment.events.v1}, {@code pipeline.events.v1}, {@code health.events.v1}.
 * Output: {@code deadletter.v1}. No stores.
 */
public final class IngestStage {

    private final IngestSettings settings;
    private final IngestTopics topics;

    public IngestStage(IngestSettings settings, IngestTopics topics) {
        this.settings = settings;
        this.topics = topics;
    }

    public ValidatedInputs build(StreamsBuilder builder) {
        Duration anyLateness = Duration.ofMillis(Long.MAX_VALUE);
        return new ValidatedInputs(
                validated(builder, EventFamilies.TELEMETRY, topics.telemetry(), settings.maxTelemetryLateness()),
                validated(builder, EventFamilies.WORKFLOWS, topics.workflows(), anyLateness),
                validated(builder, EventFamilies.DEPLOYMENTS, topics.deployments(), anyLateness),
                validated(builder, EventFamilies.PIPELINES, topics.pipelines(), anyLateness),
                validated(builder, EventFamilies.HEALTH, topics.health(), anyLateness));
    }

    private <V extends SpecificRecord> KStream<String, V> validated(
            StreamsBuilder builder, EventFamily<V> family, Topic<String, V> topic, Duration maxLateness) {
        String name = family.name();
        KStream<String, Checked<V>> checked = builder
                .stream(topic.name(), Consumed.with(topic.keySerde(), Serdes.ByteArray()).withName(name + "-source"))
                .processValues(() -> new ValidatingProcessor<>(
                        family, topic.name(), topic.valueSerde().deserializer(), settings, maxLateness),
                        Named.as(name + "-validate"));
        checked.filterNot((key, c) -> c.isValid(), Named.as(name + "-rejected"))
                .mapValues(Checked::deadLetter, Named.as(name + "-dead-letter"))
                .to(topics.deadLetters().name(), Produced.with(topics.deadLetters().keySerde(),
                                topics.deadLetters().valueSerde())
                        .withName(name + "-dead-letter-sink"));
        return checked.filter((key, c) -> c.isValid(), Named.as(name + "-accepted"))
                .mapValues(Checked::value, Named.as(name + "-event"));
    }
}
