package dev.foresight.serde;

import org.apache.avro.specific.SpecificRecord;

/**
 * Sees every record the serdes of one {@link AvroSerdes} read or write, with its topic: the edge where the
 * app counts what flows in and out without a counting step in each topology.
 */
public interface RecordObserver {

    RecordObserver NONE = new RecordObserver() {
    };

    /** A record was deserialized from {@code topic} (an input, a repartition or a changelog topic). */
    default void read(String topic, SpecificRecord record) {
    }

    /** A record is about to be serialized for {@code topic}. */
    default void written(String topic, SpecificRecord record) {
    }
}
