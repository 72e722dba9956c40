package dev.foresight.topology.gates;

import dev.foresight.domain.gates.GateEvidenceTracker;
import dev.foresight.domain.gates.GateSettings;
import dev.foresight.domain.gates.QualityGates;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.GateDecision;
import dev.foresight.schema.commands.GateTarget;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.state.GateEvidence;
import dev.foresight.serde.AvroSerdes;
import java.time.Instant;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Per service: a build risk, a test run or an anomaly score updates the evidence in the store; a deployment's start
 * or a synthesized stage is judged by the gates on the evidence at that moment and the verdict forwarded.
 */
final class GateProcessor implements ProcessorSupplier<String, SpecificRecord, String, GateDecision> {

    static final String EVIDENCE_STORE = "gates-evidence-store";

    private final AvroSerdes serdes;
    private final GateSettings settings;

    GateProcessor(AvroSerdes serdes, GateSettings settings) {
        this.serdes = serdes;
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVIDENCE_STORE), Serdes.String(),
                serdes.<GateEvidence>valueSerde()));
    }

    @Override
    public Processor<String, SpecificRecord, String, GateDecision> get() {
        return new Processor<>() {
            private final GateEvidenceTracker tracker = new GateEvidenceTracker(settings);
            private final QualityGates gates = new QualityGates(settings);
            private ProcessorContext<String, GateDecision> context;
            private KeyValueStore<String, GateEvidence> evidence;

            @Override
            public void init(ProcessorContext<String, GateDecision> context) {
                this.context = context;
                this.evidence = context.getStateStore(EVIDENCE_STORE);
            }

            @Override
            public void process(Record<String, SpecificRecord> record) {
                String service = record.key();
                GateEvidence known = load(service);
                SpecificRecord value = record.value();
                if (value instanceof RiskScore risk && risk.getBuildId() != null) {
                    store(known, tracker.withBuildRisk(known, risk));
                } else if (value instanceof PipelineEvent event && event.getPayload() instanceof TestRunFinished run) {
                    store(known, tracker.withTestRun(known, run));
                } else if (value instanceof AnomalyScore score) {
                    store(known, tracker.withAnomalyScore(known, score));
                } else if (value instanceof DeploymentEvent event && event.getPayload() instanceof DeploymentStarted) {
                    judge(known, GateTarget.DEPLOYMENT, event.getDeploymentId(), event.getTimestamp());
                } else if (value instanceof PipelineSynthesisCommand command
                        && command.getOperation() == StageOperation.ADD_STAGE) {
                    judge(known, GateTarget.PIPELINE_STAGE, command.getCommandId(), command.getIssuedAt());
                }
            }

            private void judge(GateEvidence known, GateTarget target, String targetId, Instant at) {
                GateDecision verdict = gates.evaluate(known, target, targetId, at);
                context.forward(new Record<>(known.getServiceId(), verdict, at.toEpochMilli()));
            }

            private void store(GateEvidence before, GateEvidence after) {
                if (!after.equals(before)) {
                    evidence.put(after.getServiceId(), after);
                }
            }

            private GateEvidence load(String service) {
                GateEvidence known = evidence.get(service);
                return known == null ? GateEvidenceTracker.empty(service) : known;
            }
        };
    }
}
