package dev.foresight.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Safety net: the topology reads its inputs as raw bytes and validates them itself, so this only fires
 * for an internal topic some serde could not read. A bad record is data, not an outage.
 */
public final class DeadLetterOnDeserializationError implements DeserializationExceptionHandler {

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.resume(List.of(deadLetters.of(context, "deserialize", exception)));
    }
}
