package dev.foresight.topics;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic as a topology reads or writes it: its name and the serdes of its keys and values. Built by
 * {@code AvroSerdes#topic} from a {@link TopicSpec} of the catalogue and handed to the builders, so no
 * builder names a topic or picks a serde itself.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
