package dev.foresight.bench;

import dev.foresight.domain.workflow.WorkflowCommands;
import dev.foresight.producers.EventSink;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Event → command latency: the wall-clock time from handing an ActionStarted to the producer to reading
 * its RESERVE on {@code allocation.commands.v1} with {@code read_committed}, i.e. as an executor sees it
 * under exactly-once. Wraps the simulators' sink to note when each action started.
 */
final class LatencyProbe implements EventSink, AutoCloseable {

    private final EventSink delegate;
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final List<Long> latenciesNanos = new ArrayList<>();
    private final AtomicBoolean measuring = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread reader;

    LatencyProbe(EventSink delegate, String bootstrapServers) {
        this.delegate = delegate;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        KafkaConsumer<String, AllocationCommand> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.bundled().<AllocationCommand>valueSerde().deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < Topics.ALLOCATIONS.partitions(); p++) {
            partitions.add(new TopicPartition(Topics.ALLOCATIONS.name(), p));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.reader = new Thread(() -> read(consumer), "bench-latency-reader");
        reader.start();
    }

    private void read(KafkaConsumer<String, AllocationCommand> consumer) {
        try (consumer) {
            while (!stop.get()) {
                for (ConsumerRecord<String, AllocationCommand> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.nanoTime();
                    AllocationCommand command = record.value();
                    Long started = command.getAction() == AllocationAction.RESERVE
                            ? startedNanos.remove(command.getTarget()) : null;
                    if (started != null && measuring.get()) {
                        synchronized (latenciesNanos) {
                            latenciesNanos.add(now - started);
                        }
                    }
                }
            }
        }
    }

    /** From now on, commands count (before, the app warms up). */
    void startMeasuring() {
        measuring.set(true);
    }

    /** Latencies measured so far, in ms, sorted. */
    List<Double> latenciesMs() {
        synchronized (latenciesNanos) {
            return latenciesNanos.stream().sorted().map(n -> n / 1e6).toList();
        }
    }

    @Override
    public <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, long timestampMs) {
        if (value instanceof WorkflowEvent event && event.getPayload() instanceof ActionStarted started) {
            startedNanos.put(WorkflowCommands.target(event.getWorkflowId(), started.getActionId()), System.nanoTime());
        }
        delegate.send(topic, key, value, timestampMs);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        stop.set(true);
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delegate.close();
    }
}
