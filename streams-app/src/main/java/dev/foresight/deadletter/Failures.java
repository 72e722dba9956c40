package dev.foresight.deadletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.rocksdb.RocksDBException;

/** Tells an error of the data (one record is bad) from an error of the infrastructure (the app is unwell). */
public final class Failures {

    private Failures() {
    }

    /**
     * True when anything in the cause chain is a state store, I/O or client failure: a broken store, a lost
     * broker, a fenced transaction. Kafka Streams wraps some data errors (a {@code ClassCastException}) in a
     * {@link StreamsException}, and serdes report bad bytes as {@link SerializationException}: those two
     * wrappers alone do not make an error infrastructural.
     */
    public static boolean isInfrastructure(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof ProcessorStateException || t instanceof InvalidStateStoreException
                    || t instanceof RocksDBException || t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
            if (t instanceof KafkaException && !(t instanceof StreamsException) && !(t instanceof SerializationException)) {
                return true;
            }
        }
        return false;
    }
}
