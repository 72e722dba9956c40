package dev.foresight.app;

import dev.foresight.producers.sim.PipelineExecutorSimulator;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the loop of the simulated pipeline executor: reads the committed synthesis commands, from the
 * beginning so a restarted simulation learns the versions already made, and hands them to the executor.
 */
final class ExecutorFeedback implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorFeedback.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final Thread thread;

    private ExecutorFeedback(Cluster cluster, PipelineExecutorSimulator executor) {
        Map<String, Object> config = cluster.clientConfig();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        KafkaConsumer<String, PipelineSynthesisCommand> consumer = new KafkaConsumer<>(config,
                new StringDeserializer(), cluster.serdes().<PipelineSynthesisCommand>valueSerde().deserializer());
        this.thread = new Thread(() -> follow(consumer, executor), "foresight-simulated-executor");
    }

    static ExecutorFeedback start(Cluster cluster, PipelineExecutorSimulator executor) {
        ExecutorFeedback feedback = new ExecutorFeedback(cluster, executor);
        feedback.thread.start();
        return feedback;
    }

    private void follow(KafkaConsumer<String, PipelineSynthesisCommand> consumer, PipelineExecutorSimulator executor) {
        try (consumer) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PIPELINE_COMMANDS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stopRequested.get()) {
                consumer.poll(POLL).forEach(record -> executor.apply(record.value()));
            }
        } catch (RuntimeException e) {
            LOG.warn("The simulated executor stopped reading commands", e);
        }
    }

    @Override
    public void close() {
        stopRequested.set(true);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
