package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

class StreamThreadFailuresTest {

    /** As Kafka Streams hands it over: the processing failure around the store's around RocksDB's. */
    private static Throwable storeFailure(Status.Code code) {
        RocksDBException rocks = new RocksDBException("block checksum mismatch",
                new Status(code, Status.SubCode.None, "block checksum mismatch"));
        return new StreamsException(new ProcessorStateException("Error while getting value for key from store "
                + "workflow-shadow-store", rocks));
    }

    @Test
    void shouldReplaceTheThreadWhenAStoreIsCorrupted() {
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD,
                new StreamThreadFailures().handle(storeFailure(Status.Code.Corruption)));
    }

    @Test
    void shouldStopTheApplicationWhenAStoreFailsForAnotherReason() {
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                new StreamThreadFailures().handle(storeFailure(Status.Code.IOError)));
    }

    @Test
    void shouldStopTheApplicationWhenTheErrorIsNotAStoreError() {
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                new StreamThreadFailures().handle(new StreamsException("fenced")));
    }

    @Test
    void shouldStopTheApplicationWhenCorruptionKeepsComingBack() {
        StreamThreadFailures failures = new StreamThreadFailures();
        for (int i = 0; i < StreamThreadFailures.MAX_REPLACEMENTS; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.handle(storeFailure(Status.Code.Corruption)));
        }
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.handle(storeFailure(Status.Code.Corruption)));
    }

    @Test
    void shouldReplaceTheThreadWhenATaskIsInitializedOnAClosedStoreAndStopWhenItKeepsHappening() {
        StreamThreadFailures failures = new StreamThreadFailures();
        Throwable closed = new StreamsException(new InvalidStateStoreException(
                "Store workflow-event-id-store.1796151600000 is currently closed"));
        for (int i = 0; i < StreamThreadFailures.MAX_REPLACEMENTS; i++) {
            assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.handle(closed));
        }
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.handle(closed));
    }
}
