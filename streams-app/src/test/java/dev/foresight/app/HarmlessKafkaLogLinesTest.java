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

class HarmlessKafkaLogLinesTest {

    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";

    private final LoggerContext context = new LoggerContext();
    private final HarmlessKafkaLogLines filter = new HarmlessKafkaLogLines();

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
    void shouldDropUnknownRepartitionTopicsOfAFirstStartOnly() {
        String network = "org.apache.kafka.clients.NetworkClient";
        assertEquals(FilterReply.DENY, filter.decide(event(network, Level.WARN, "[Consumer clientId=c, groupId=foresight] "
                + "The metadata response from the cluster reported a recoverable issue with correlation id 2 : "
                + "{foresight-a-repartition=UNKNOWN_TOPIC_OR_PARTITION, foresight-b-repartition=UNKNOWN_TOPIC_OR_PARTITION}",
                null)));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(network, Level.WARN, "[Consumer clientId=c] The metadata "
                + "response from the cluster reported a recoverable issue with correlation id 2 : "
                + "{telemetry.events.v1=UNKNOWN_TOPIC_OR_PARTITION}", null)));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(network, Level.WARN, "[Consumer clientId=c] The metadata "
                + "response from the cluster reported a recoverable issue with correlation id 2 : "
                + "{foresight-a-repartition=LEADER_NOT_AVAILABLE}", null)));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(network, Level.WARN,
                "Connection to node 1 (/127.0.0.1:9092) could not be established. Node may not be available.", null)));
    }

    @Test
    void shouldDropTheGlobalThreadDefaultNoticeButNotOtherConfigWarnings() {
        String config = "org.apache.kafka.streams.StreamsConfig";
        assertEquals(FilterReply.DENY, filter.decide(event(config, Level.WARN, "Processing exception handler is not "
                + "enabled for the GlobalThread. It's recommended to set it.", null)));
        assertEquals(FilterReply.NEUTRAL, filter.decide(event(config, Level.WARN, "Unrecognized config: foo", null)));
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
