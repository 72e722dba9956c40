package dev.foresight.topology.builds;

import dev.foresight.domain.builds.BuildRiskSettings;
import dev.foresight.domain.builds.BuildRiskTracker;
import dev.foresight.domain.builds.PendingBuild;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.BuildStarted;
import dev.foresight.schema.events.PipelineEvent;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A build start: load the service's tracker, score the build, keep it pending, forward its risk. A build
 * end: take the pending build, teach the tracker its outcome, store the tracker. An end without a start
 * seen (e.g. from before this feature ran) teaches nothing: its score at the start is unknown.
 */
final class BuildRiskProcessor implements ProcessorSupplier<String, PipelineEvent, String, RiskScore> {

    static final String TRACKER_STORE = "builds-tracker-store";
    static final String PENDING_STORE = "builds-pending-store";

    private final BuildRiskSettings settings;

    BuildRiskProcessor(BuildRiskSettings settings) {
        this.settings = settings;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRACKER_STORE),
                        Serdes.String(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE),
                        Serdes.String(), Serdes.ByteArray()));
    }

    @Override
    public Processor<String, PipelineEvent, String, RiskScore> get() {
        return new Processor<>() {
            private ProcessorContext<String, RiskScore> context;
            private KeyValueStore<String, byte[]> trackers;
            private KeyValueStore<String, byte[]> pending;

            @Override
            public void init(ProcessorContext<String, RiskScore> context) {
                this.context = context;
                this.trackers = context.getStateStore(TRACKER_STORE);
                this.pending = context.getStateStore(PENDING_STORE);
            }

            @Override
            public void process(Record<String, PipelineEvent> record) {
                PipelineEvent event = record.value();
                if (event.getPayload() instanceof BuildStarted started) {
                    started(record, event, started);
                } else if (event.getPayload() instanceof BuildFinished finished) {
                    finished(event.getServiceId(), finished);
                }
            }

            private void started(Record<String, PipelineEvent> record, PipelineEvent event, BuildStarted started) {
                BuildRiskTracker tracker = load(event.getServiceId());
                BuildRiskTracker.Verdict verdict = tracker.started(started.getFeatures());
                pending.put(pendingKey(event.getServiceId(), started.getBuildId()), new PendingBuild(verdict.score(), started.getFeatures()).toBytes());
                Decision decision = Decision.newBuilder().setMadeBy(BuildRiskScoring.MODEL)
                        .setVersion(tracker.modelVersion()).setInputs(started.getFeatures())
                        .setThresholds(Map.of("alert", verdict.threshold()))
                        .setExplanation("probability that the build fails, scored at its start; the alert threshold "
                                + "was chosen by F1 over the service's last finished builds").build();
                context.forward(record.withKey(event.getServiceId()).withValue(new RiskScore(event.getServiceId(), null,
                        event.getTimestamp(), verdict.score(), decision, started.getBuildId())));
            }

            private void finished(String service, BuildFinished finished) {
                String key = pendingKey(service, finished.getBuildId());
                byte[] started = pending.get(key);
                if (started == null) {
                    return;
                }
                PendingBuild build = PendingBuild.fromBytes(started);
                BuildRiskTracker tracker = load(service);
                tracker.finished(build.features(), build.score(), !finished.getSucceeded());
                trackers.put(service, tracker.toBytes());
                pending.delete(key);
            }

            private String pendingKey(String service, String buildId) {
                return service + "/" + buildId;
            }

            private BuildRiskTracker load(String service) {
                byte[] state = trackers.get(service);
                return state == null ? new BuildRiskTracker(settings) : BuildRiskTracker.fromBytes(settings, state);
            }
        };
    }
}
