package dev.foresight.topology.deployment;

import dev.foresight.domain.deployment.DeploymentLifecycle;
import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.domain.deployment.GuardInput;
import dev.foresight.domain.deployment.GuardOutput;
import dev.foresight.predict.risk.RiskModel;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link DeploymentLifecycle} of the services of one task over the task's stores, and forwards
 * what it emits stamped with the input's time. One instance and one risk model per stream task (see
 * {@link DeploymentGuardian}).
 */
final class GuardProcessor implements Processor<String, GuardInput, String, GuardOutput> {

    private static final Logger LOG = LoggerFactory.getLogger(GuardProcessor.class);

    private final DeploymentSettings settings;
    private final RiskModel model;
    private ProcessorContext<String, GuardOutput> context;
    private DeploymentLifecycle lifecycle;

    GuardProcessor(DeploymentSettings settings, RiskModel model) {
        this.settings = settings;
        this.model = model;
    }

    @Override
    public void init(ProcessorContext<String, GuardOutput> context) {
        this.context = context;
        StoreGuardianState state = new StoreGuardianState(context.getStateStore(DeploymentGuardian.STATE_STORE),
                context.getStateStore(DeploymentGuardian.HOST_STORE), context.getStateStore(DeploymentGuardian.MODEL_STORE),
                context.getStateStore(DeploymentGuardian.VALIDATION_STORE),
                context.getStateStore(DeploymentGuardian.PLANS_STORE));
        restore(state.checkpoint());
        lifecycle = new DeploymentLifecycle(settings, model, state);
        context.schedule(settings.tick(), PunctuationType.STREAM_TIME,
                timestamp -> forward(lifecycle.tick(Instant.ofEpochMilli(timestamp)), timestamp));
    }

    @Override
    public void process(Record<String, GuardInput> record) {
        forward(lifecycle.on(record.value(), Instant.ofEpochMilli(record.timestamp())), record.timestamp());
    }

    private void restore(byte[] checkpoint) {
        if (checkpoint == null) {
            return;
        }
        try {
            model.restore(checkpoint);
        } catch (IllegalArgumentException e) {
            // a checkpoint of another feature set: the prior is a better start than failing the task
            LOG.warn("Risk model checkpoint of task {} not restored: {}", context.taskId(), e.getMessage());
        }
    }

    private void forward(List<GuardOutput> outputs, long timestamp) {
        outputs.forEach(output -> context.forward(new Record<>(output.key(), output, timestamp)));
    }
}
