package dev.foresight.producers;

import dev.foresight.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where simulators and replayers put their events. Kafka in production, a list in tests, so generators
 * never depend on a broker.
 */
public interface EventSink extends AutoCloseable {

    /**
     * Sends one event.
     *
     * @param timestampMs the event time, which becomes the record timestamp
     */
    <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, long timestampMs);

    /** Blocks until everything sent so far is acknowledged. */
    default void flush() {
    }

    @Override
    default void close() {
    }
}
