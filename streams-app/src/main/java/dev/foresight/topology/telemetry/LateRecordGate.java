package dev.foresight.topology.telemetry;

import dev.foresight.deadletter.Checked;
import dev.foresight.deadletter.DeadLetters;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Dead-letters what a downstream window with this grace would drop. Kafka Streams skips a record whose
 * windows all closed with only a log line; here the record reaches the dead-letter topic instead. Judged
 * on the task's stream time, the same clock the window aggregation closes windows by: a record no older
 * than {@code streamTime - grace} still fits an open window, so everything let through is counted.
 */
final class LateRecordGate<V> implements FixedKeyProcessor<String, V, Checked<V>> {

    private final String stage;
    private final long graceMs;
    private final Serializer<V> serializer;
    private FixedKeyProcessorContext<String, Checked<V>> context;

    LateRecordGate(String stage, Duration grace, Serializer<V> serializer) {
        this.stage = stage;
        this.graceMs = grace.toMillis();
        this.serializer = serializer;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        long streamTime = context.currentStreamTimeMs();
        if (record.timestamp() >= streamTime - graceMs) {
            context.forward(record.withValue(Checked.valid(record.value())));
            return;
        }
        String reason = "late by " + (streamTime - record.timestamp()) + " ms behind the stream time of its task, "
                + "more than the window grace of " + graceMs + " ms";
        byte[] value = serializer.serialize(context.recordMetadata().map(RecordMetadata::topic).orElse(""), record.value());
        context.forward(record.withValue(Checked.rejected(DeadLetters.rejected(context, record, stage, reason, null, value))));
    }
}
