package dev.foresight.app;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the death of a stream thread costs. A local store found damaged while running (a block failing its
 * checksum) costs a new thread, not the application: under exactly-once Kafka Streams wipes the local state
 * of every task it closes uncleanly, so the dying thread's tasks lose their damaged copy and the new thread
 * restores them from their changelogs. Anything else, and a store that keeps failing, stops the application.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    /** A disk that keeps corrupting what is rebuilt on it is a fault for an operator, not for retries. */
    static final int MAX_REPLACEMENTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final AtomicInteger replaced = new AtomicInteger();

    @Override
    public StreamThreadExceptionResponse handle(Throwable error) {
        Optional<RocksDBException> corruption = storeCorruption(error);
        if (corruption.isPresent() && replaced.incrementAndGet() <= MAX_REPLACEMENTS) {
            LOG.warn("A local state store is damaged ({}); its thread's tasks are wiped and restored from their "
                    + "changelogs by a new stream thread ({} of at most {})", corruption.get().getMessage(),
                    replaced.get(), MAX_REPLACEMENTS);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("Stream thread failed; stopping the application", error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** RocksDB's own verdict in the cause chain: status Corruption (checksum mismatch, truncated file). */
    static Optional<RocksDBException> storeCorruption(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof RocksDBException rocks && rocks.getStatus() != null
                    && rocks.getStatus().getCode() == Status.Code.Corruption) {
                return Optional.of(rocks);
            }
        }
        return Optional.empty();
    }
}
