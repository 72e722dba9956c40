package dev.foresight.topology;

import dev.foresight.topics.Topic;
import org.apache.kafka.streams.kstream.Produced;

/** How every stage writes to a topic: with the topic's own serdes, under a literal sink name. */
public final class Sinks {

    private Sinks() {
    }

    public static <K, V> Produced<K, V> produced(Topic<K, V> topic, String sinkName) {
        return Produced.with(topic.keySerde(), topic.valueSerde()).withName(sinkName);
    }
}
