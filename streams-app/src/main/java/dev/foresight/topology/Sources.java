package dev.foresight.topology;

import dev.foresight.topics.Topic;
import org.apache.kafka.streams.kstream.Consumed;

/** How every stage reads a topic: with the topic's own serdes, under a literal source name. */
public final class Sources {

    private Sources() {
    }

    public static <K, V> Consumed<K, V> consumed(Topic<K, V> topic, String sourceName) {
        return Consumed.with(topic.keySerde(), topic.valueSerde()).withName(sourceName);
    }
}
