package dev.foresight.app;

import dev.foresight.query.explain.FoundCommand;
import dev.foresight.topics.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Finds a command by its id on the command topics: reads them from the beginning to their current end, without
 * a consumer group, and only what was committed (an aborted transaction's command was never issued).
 */
final class CommandSearch {

    private final Cluster kafka;

    CommandSearch(Cluster kafka) {
        this.kafka = kafka;
    }

    /** @throws UserError if {@code timeout} passes before the topics are read to their end */
    Optional<FoundCommand> find(String id, List<TopicSpec<?>> topics, Duration timeout) {
        Deserializer<SpecificRecord> values = kafka.serdes().<SpecificRecord>valueSerde().deserializer();
        AtomicReference<FoundCommand> found = new AtomicReference<>();
        try {
            new TopicScan(kafka).scan(topics, timeout, record -> {
                matching(id, record, values).ifPresent(found::set);
                return found.get() != null;
            });
        } catch (TopicScan.ScanTimeout e) {
            throw new UserError("command " + id + " not found within " + timeout.toSeconds()
                    + " s, before the command topics were read to their end; raise --timeout", e);
        }
        return Optional.ofNullable(found.get());
    }

    private static Optional<FoundCommand> matching(String id, ConsumerRecord<String, byte[]> record,
                                                   Deserializer<SpecificRecord> values) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            SpecificRecord value = values.deserialize(record.topic(), record.value());
            return FoundCommand.idOf(value).filter(id::equals).map(match -> new FoundCommand(record.topic(),
                    record.partition(), record.offset(), record.key(), value));
        } catch (SerializationException e) {
            return Optional.empty(); // not one of ours: it cannot be the command asked for
        }
    }
}
