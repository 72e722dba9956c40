package dev.foresight.app;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the death of a stream thread costs. A local store found damaged while running (a block failing its
 * checksum) costs a new thread, not the application: under exactly-once Kafka Streams wipes the local state
 * of every task it closes uncleanly, so the dying thread's tasks lose their damaged copy and the new thread
 * restores them from their changelogs. So does a store found closed while the thread (re)initializes a task:
 * Kafka Streams 4.3.1 can hand a standby a window store with a closed segment after a failover
 * ({@code InvalidStateStoreException: Store workflow-event-id-store.<segment> is currently closed} from
 * {@code StandbyTask.initializeIfNeeded}, seen in the failover benchmark), and a new thread opens its stores
 * afresh. Anything else, and a store that keeps failing, stops the application.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    /** A disk that keeps corrupting what is rebuilt on it is a fault for an operator, not for retries. */
    static final int MAX_REPLACEMENTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);

    private final AtomicInteger replaced = new AtomicInteger();

    @Override
    public StreamThreadExceptionResponse handle(Throwable error) {
        Optional<? extends Exception> storeFault = storeCorruption(error).map(Exception.class::cast)
                .or(() -> closedStore(error));
        if (storeFault.isPresent() && replaced.incrementAndGet() <= MAX_REPLACEMENTS) {
            LOG.warn("A local state store is damaged or closed ({}); its thread's tasks are wiped and restored from "
                    + "their changelogs by a new stream thread ({} of at most {})", storeFault.get().getMessage(),
                    replaced.get(), MAX_REPLACEMENTS);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        LOG.error("Stream thread failed; stopping the application", error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    /** A store the thread itself found closed, in the cause chain. */
    static Optional<InvalidStateStoreException> closedStore(Throwable error) {
        return inCauses(error, InvalidStateStoreException.class, closed -> true);
    }

    /** RocksDB's own verdict in the cause chain: status Corruption (checksum mismatch, truncated file). */
    static Optional<RocksDBException> storeCorruption(Throwable error) {
        return inCauses(error, RocksDBException.class,
                rocks -> rocks.getStatus() != null && rocks.getStatus().getCode() == Status.Code.Corruption);
    }

    /** The first throwable of {@code type} in the cause chain (cycles stopped) that {@code matches}. */
    private static <T extends Throwable> Optional<T> inCauses(Throwable error, Class<T> type, Predicate<T> matches) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t) && matches.test(type.cast(t))) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
