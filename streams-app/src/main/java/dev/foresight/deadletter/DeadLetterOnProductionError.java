package dev.foresight.deadletter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Output that cannot be serialized or is too large is a data error: dead-letter the input that caused
 * it and continue. Everything else (broker gone, authorization, fencing) keeps Kafka's default
 * handling, retry what is retriable and fail otherwise, because it is an infrastructure error.
 */
public final class DeadLetterOnProductionError extends DefaultProductionExceptionHandler {

    private DeadLetterRecords deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        deadLetters = DeadLetterRecords.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RecordTooLargeException) {
            return deadLetter(context, "produce", exception);
        }
        return super.handleError(context, record, exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                                             Exception exception, SerializationExceptionOrigin origin) {
        return deadLetter(context, "serialize-" + origin.name().toLowerCase(Locale.ROOT), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String stage, Exception exception) {
        return Response.resume(List.of(deadLetters.of(context, stage, exception)));
    }
}
