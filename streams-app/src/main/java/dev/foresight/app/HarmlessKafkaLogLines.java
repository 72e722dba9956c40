package dev.foresight.app;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Pattern;

/**
 * Drops three kinds of Kafka log lines that look like failures to a newcomer but are normal, and nothing
 * else of those loggers.
 *
 * <ul>
 * <li><b>Exactly-once writes retried by design.</b> With transactions version 2 (Kafka 4), a transactional
 * producer's first write after a commit can reach a partition before the previous transaction's markers
 * are written: the broker answers CONCURRENT_TRANSACTIONS (KAFKA-18654 calls this normal during the commit
 * phase), and the batches in flight behind it are refused as out of sequence until the first is retried.
 * The producer retries them all in order; nothing is lost or duplicated. Yet the producer logs each
 * refusal as a WARN and the embedded broker each as an ERROR with a stack trace: a dozen lines per commit.</li>
 * <li><b>Repartition topics not created yet.</b> On the first start of an application its consumer asks for
 * its repartition topics before the group leader has created them: UNKNOWN_TOPIC_OR_PARTITION, retried
 * until they exist a moment later.</li>
 * <li><b>A future default for global stores</b>, which this app does not have; logged by every
 * {@code StreamsConfig} that a {@code StreamsBuilder} makes for itself.</li>
 * </ul>
 */
public final class HarmlessKafkaLogLines extends Filter<ILoggingEvent> {

    private static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";
    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final String STREAMS_CONFIG = "org.apache.kafka.streams.StreamsConfig";
    private static final String OUT_OF_ORDER = "org.apache.kafka.common.errors.OutOfOrderSequenceException";
    /** Every topic named in the warning is a repartition topic that is unknown. */
    private static final Pattern ONLY_MISSING_REPARTITIONS = Pattern.compile(
            ".*recoverable issue with correlation id \\d+ : \\{([^{}=,]+-repartition=UNKNOWN_TOPIC_OR_PARTITION(, )?)+}");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return isHarmless(event) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean isHarmless(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        IThrowableProxy error = event.getThrowableProxy();
        return switch (event.getLoggerName()) {
            case SENDER -> message.contains(", retrying (") && (message.contains("Error: CONCURRENT_TRANSACTIONS")
                    || message.contains("Error: OUT_OF_ORDER_SEQUENCE_NUMBER"));
            case REPLICA_MANAGER -> error != null && OUT_OF_ORDER.equals(error.getClassName());
            case NETWORK_CLIENT -> ONLY_MISSING_REPARTITIONS.matcher(message).matches();
            case STREAMS_CONFIG -> message.startsWith("Processing exception handler is not enabled for the GlobalThread");
            default -> false;
        };
    }
}
