package dev.foresight.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' processing exception handler (KIP-1033): an exception thrown by any processor, or a
 * punctuator, while it handles one record becomes a dead letter naming the processor, the reason and the
 * record's coordinates (sent by Kafka Streams in the task's transaction, KIP-1034), and processing goes on.
 * Infrastructure failures ({@link Failures#isInfrastructure}) still fail the task: retrying them on the next
 * record would hide an outage, and skipping them would lose data that is fine.
 */
public final class DeadLetterOnProcessingError implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterOnProcessingError.class);

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (Failures.isInfrastructure(exception)) {
            return Response.fail();
        }
        // No key or value in the log: they may carry what the producer considers secret.
        LOG.warn("Dead-lettered the record at {}-{}@{}: processor {} threw {}", context.topic(), context.partition(),
                context.offset(), context.processorNodeId(), exception.getClass().getName());
        return Response.resume(List.of(deadLetters.of(context, "process", exception)));
    }
}
