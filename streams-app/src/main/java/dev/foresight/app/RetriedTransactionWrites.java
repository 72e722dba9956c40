package dev.foresight.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the log lines of produce requests that exactly-once retries by design, and nothing else.
 *
 * <p>With transactions version 2 (Kafka 4), a transactional producer's first write after a commit can
 * reach a partition before the previous transaction's markers are written: the broker answers
 * CONCURRENT_TRANSACTIONS (KAFKA-18654 calls this normal during the commit phase), and the batches
 * already in flight behind it are refused as out of sequence until the first is retried. The producer
 * retries them all in order; nothing is lost or duplicated. Yet the producer logs each refusal as a WARN
 * and the embedded broker logs each as an ERROR with a stack trace: about a dozen lines per commit of a
 * busy task, which look like failures to anyone reading the first seconds of {@code run}.
 */
public final class RetriedTransactionWrites extends Filter<ILoggingEvent> {

    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";
    private static final String OUT_OF_ORDER = "org.apache.kafka.common.errors.OutOfOrderSequenceException";

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return isRetriedWrite(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isRetriedWrite(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        if (SENDER.equals(event.getLoggerName())) {
            return message.contains(", retrying (")
                    && (message.contains("Error: CONCURRENT_TRANSACTIONS") || message.contains("Error: OUT_OF_ORDER_SEQUENCE_NUMBER"));
        }
        IThrowableProxy error = event.getThrowableProxy();
        return REPLICA_MANAGER.equals(event.getLoggerName()) && error != null && OUT_OF_ORDER.equals(error.getClassName());
    }
}
