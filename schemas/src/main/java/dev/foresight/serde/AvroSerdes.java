package dev.foresight.serde;

import dev.foresight.topics.Topic;
import dev.foresight.topics.TopicSpec;
import io.apicurio.registry.serde.Legacy4ByteIdHandler;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Builds Avro value serdes that write the Confluent wire format (0x00, 4-byte schema id, Avro binary).
 * With a registry URL the ids come from Apicurio Registry (its serdes cache per schema); without one,
 * from {@link BundledSchemas} through {@link BundledAvroSerde}, which does no schema work per record.
 */
public final class AvroSerdes {

    static {
        // Avro 1.12 only instantiates generated classes from trusted packages.
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "dev.foresight.schema");
        AvroDecoderLimits.install();
    }

    private final Optional<String> registryUrl;
    private final RecordObserver observer;
    private final UnaryOperator<String> topicNames;

    public AvroSerdes(Optional<String> registryUrl) {
        this(registryUrl, RecordObserver.NONE, UnaryOperator.identity());
    }

    private AvroSerdes(Optional<String> registryUrl, RecordObserver observer, UnaryOperator<String> topicNames) {
        this.registryUrl = registryUrl;
        this.observer = observer;
        this.topicNames = topicNames;
    }

    /** These serdes, telling {@code observer} about every record they read or write. */
    public AvroSerdes observedBy(RecordObserver recordObserver) {
        return new AvroSerdes(registryUrl, recordObserver, topicNames);
    }

    /**
     * These serdes, whose {@link #topic} descriptors name each catalogue topic {@code names.apply(name)}: a replay
     * of history reads the recorded inputs and writes outputs of its own, never the live ones.
     */
    public AvroSerdes withTopicNames(UnaryOperator<String> names) {
        return new AvroSerdes(registryUrl, observer, names);
    }

    /** Serdes that resolve schemas from the bundled {@code schemas/}, no registry needed. */
    public static AvroSerdes bundled() {
        return new AvroSerdes(Optional.empty());
    }

    /** The topic of the catalogue with its UTF-8 string keys and Avro values of the spec's type. */
    public <V extends SpecificRecord> Topic<String, V> topic(TopicSpec<V> spec) {
        return new Topic<>(topicNames.apply(spec.name()), Serdes.String(), valueSerde(spec));
    }

    /** A serde for the values of {@code spec}, typed by it. */
    public <V extends SpecificRecord> Serde<V> valueSerde(TopicSpec<V> spec) {
        return valueSerde();
    }

    public <T extends SpecificRecord> Serde<T> valueSerde() {
        Serde<T> serde = plainValueSerde();
        return observer == RecordObserver.NONE ? serde : ObservedSerde.of(serde, observer);
    }

    private <T extends SpecificRecord> Serde<T> plainValueSerde() {
        if (registryUrl.isEmpty()) {
            return BundledAvroSerde.create();
        }
        Map<String, Object> config = registryConfig(registryUrl.get());
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        serializer.configure(config, false);
        deserializer.configure(config, false);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static Map<String, Object> registryConfig(String url) {
        Map<String, Object> config = new HashMap<>();
        // Confluent's 4-byte id; set directly, as the "enable confluent" switch warns on every serde it configures
        config.put(SerdeConfig.ID_HANDLER, Legacy4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, "contentId");
        config.put(SerdeConfig.ENABLE_HEADERS, false);
        config.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        config.put(SerdeConfig.REGISTRY_URL, url);
        config.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
        return config;
    }
}
