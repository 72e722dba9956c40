package dev.foresight.topology.deployment;

import dev.foresight.domain.deployment.HostBaselines;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.internal.GuardianInput;
import dev.foresight.schema.state.HostBaseline;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs where telemetry is keyed by host. Outside deployments it learns each host's baseline; inside one
 * it freezes the baseline (the deployment must not become the host's normal), hands it over once, and
 * forwards the host's samples re-keyed by serviceId towards the guardian. The host's continuous risk scores
 * arrive here too and are noted on its baseline, in and out of deployments, so the baseline handed over says
 * whether the host was already in alert before the rollout.
 */
final class BaselineProcessor implements Processor<String, SpecificRecord, String, GuardianInput> {

    private final Duration timeConstant;
    private final long minSamples;
    private ProcessorContext<String, GuardianInput> context;
    private KeyValueStore<String, HostBaseline> baselines;

    /** @param minSamples a baseline with fewer samples is not handed over: it would be noise */
    BaselineProcessor(Duration timeConstant, long minSamples) {
        this.timeConstant = timeConstant;
        this.minSamples = minSamples;
    }

    @Override
    public void init(ProcessorContext<String, GuardianInput> context) {
        this.context = context;
        baselines = context.getStateStore(DeploymentGuardian.BASELINE_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.value() instanceof RiskScore score) {
            noteRisk(record.key(), score);
        } else {
            sample(record.withValue((TelemetryEvent) record.value()));
        }
    }

    /** A host with no baseline yet has nothing to carry the risk; its samples come first anyway. */
    private void noteRisk(String hostId, RiskScore score) {
        HostBaseline baseline = baselines.get(hostId);
        if (baseline != null && HostBaselines.noteRisk(baseline, score)) {
            baselines.put(hostId, baseline);
        }
    }

    private void sample(Record<String, TelemetryEvent> record) {
        TelemetryEvent sample = record.value();
        HostBaseline baseline = baselines.get(record.key());
        String deploymentId = sample.getDeploymentId();
        if (deploymentId == null) {
            HostBaseline updated = HostBaselines.fold(baseline, sample, timeConstant);
            updated.setFrozenFor(null);
            baselines.put(record.key(), updated);
            return;
        }
        String serviceId = sample.getServiceId();
        if (baseline != null && baseline.getSamples() >= minSamples && !deploymentId.equals(baseline.getFrozenFor())) {
            baseline.setFrozenFor(deploymentId);
            baselines.put(record.key(), baseline);
            context.forward(record.withKey(serviceId).withValue(new GuardianInput(baseline)));
        }
        context.forward(record.withKey(serviceId).withValue(new GuardianInput(sample)));
    }
}
