package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class RetriedTransactionWritesTest {

    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";

    private final LoggerContext context = new LoggerContext();
    private final RetriedTransactionWrites filter = new RetriedTransactionWrites();

    @Test
    void shouldDropTheProducersRetriesOfConcurrentTransactionsAndOutOfOrderBatches() {
        assertEquals(FilterReply.DENY, filter.decide(event(SENDER, Level.WARN, "[Producer clientId=p] Got error produce "
                + "response with correlation id 23 on topic-partition t-0, retrying (2147483646 attempts left). "
                + "Error: CONCURRENT_TRANSACTIONS", null)));
        assertEquals(FilterReply.DENY, filter.decide(event(SENDER, Level.WARN, "Got error produce response with "
                + "correlation id 24 on topic-partition t-0, retrying (2147483646 attempts left). "
                + "Error: OUT_OF_ORDER_SEQUENCE_NUMBER", null)));
    }

    @Test
    void shouldDropTheBrokersOutOfOrderSequenceErrors() {
        assertEquals(FilterReply.DENY, filter.decide(event(REPLICA_MANAGER, Level.ERROR,
                "Error processing append operation on partition t-0", new OutOfOrderSequenceException("seq"))));
    }

    @Test
    void shouldKeepEverythingElse() {
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(SENDER, Level.WARN, "Got error produce response with "
                + "correlation id 5 on topic-partition t-0, retrying (3 attempts left). Error: NOT_ENOUGH_REPLICAS", null)));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(REPLICA_MANAGER, Level.ERROR,
                "Error processing append operation on partition t-0", new RecordTooLargeException("big"))));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event("dev.foresight.app.RunCommand", Level.ERROR,
                "Error: CONCURRENT_TRANSACTIONS, retrying (1 attempts left)", null)));
    }

    private LoggingEvent event(String loggerName, Level level, String message, Throwable error) {
        Logger logger = context.getLogger(loggerName);
        return new LoggingEvent(Logger.class.getName(), logger, level, message, error, null);
    }
}
