package dev.foresight.topology.deployment;

import dev.foresight.domain.deployment.Dependents;
import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.domain.deployment.GuardInput;
import dev.foresight.domain.deployment.GuardOutput;
import dev.foresight.domain.deployment.RollbackRateLedger;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.predict.risk.OnlineRiskModel;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.internal.GuardianInput;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.HostRiskState;
import dev.foresight.schema.state.RollbackRates;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topic;
import dev.foresight.topology.Sinks;
import dev.foresight.topology.Sources;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The deployment guardian: predicts which hosts of a running deployment are about to fail, adjusts their
 * resources while it runs, and when it fails rolls back with a blend of what the attempt applied.
 *
 * <p><b>Inputs:</b> validated {@code deployment.events.v1} (key deploymentId), {@code telemetry.events.v1}
 * (key hostId), {@code health.events.v1} (key serviceId), the continuous host risk scores of
 * {@code HostRiskScoring} (in-topology, key hostId); {@code orchestration.plans.v1} (key environment) as the
 * global store {@value #PLANS_STORE}.
 * <b>Stores:</b> {@value #BASELINE_STORE} (hostId → HostBaseline, where telemetry is keyed by host);
 * {@value #STATE_STORE} (deploymentId → DeploymentState), {@value #HOST_STORE} (deploymentId/hostId →
 * HostRiskState), {@value #MODEL_STORE} (the task's risk model checkpoint), {@value #VALIDATION_STORE}
 * (serviceId → deploymentId whose rollback is being validated), {@value #RATES_STORE} (scope: serviceId or
 * {@code *} → RollbackRates). All persistent and changelogged. {@value #PLANS_STORE} (environment → its last
 * StartupPlan, which carries the service graph) is global, restored from the plans topic itself.
 * <b>Repartitions:</b> {@value #HOST_RISK_BY_HOST}, the continuous host risk scores re-keyed by host into the
 * baseline's task; {@value #BY_SERVICE}, values {@code GuardianInput} (an Avro union of the four input kinds);
 * {@value #RATES_BY_SCOPE}, the rollback rates' increments keyed by scope.
 * <b>Outputs</b> ({@link DeploymentTopics}): {@code risk.scores.v1} (key hostId), {@code allocation.commands.v1} (THROTTLE, BOOST,
 * SHIFT_TRAFFIC, SCALE, REVERT; key target), {@code rollback.commands.v1} (key deploymentId),
 * {@code alerts.v1} (rollback-quarantine, rollback-validated, rollback-escalation; key deploymentId),
 * {@code deployment.outcomes.v1} (the final state of every deployment; key deploymentId),
 * {@code rollback.rates.v1} (rolled back, validated, escalated and their rates; key serviceId or {@code *}).
 *
 * <p><b>One service, one task.</b> Deployment events, the samples of hosts in a deployment (with the
 * host's baseline, sent once ahead of them) and health probes are all re-keyed by serviceId through the
 * one topic {@value #BY_SERVICE}, so a single task owns a deployment, its hosts' features, its decisions
 * and the validation of its rollback, and sees them in one order. serviceId rather than deploymentId,
 * because health probes name only the service: keyed by deploymentId they would need a second, lookup
 * driven re-keying. A service runs one deployment at a time, so nothing is lost in parallelism. Only
 * telemetry of hosts inside a deployment crosses the topic; the baseline is learned where telemetry
 * already lives, keyed by host. Health is re-keyed although its key already is the serviceId: sharing
 * one internal topic guarantees co-partitioning whatever partitioner produced the input.
 *
 * <p><b>Every environment's graph on every task.</b> A deployment's SCALE_DEPENDENTS reaches every service
 * that calls it, transitively, in the environment its start names ({@link Dependents}). Its task is keyed by
 * service, but the transitive dependents need the environment's whole graph, which the orchestration keeps
 * on the task of the environment: a co-partitioned view would have to copy each graph to every service's
 * partition. The plans are few (one per environment), small and rarely change, so each task reads them all
 * from a global store; the plan rather than the raw topology edits, because the raw topic is already a
 * source of this topology and the plan is the graph after validation (an invalid one plans nothing).
 *
 * <p><b>One model per task.</b> Each task restores its own risk model from {@value #MODEL_STORE} in
 * {@code init()} and checkpoints it after everything it learns, in the same exactly-once transaction
 * as its commands. Services hash over partitions, so each model learns from a share of the services.
 */
public final class DeploymentGuardian {

    public static final String BASELINE_STORE = "deployment-host-baseline-store";
    public static final String STATE_STORE = "deployment-state-store";
    public static final String HOST_STORE = "deployment-host-risk-store";
    public static final String MODEL_STORE = "deployment-risk-model-store";
    public static final String VALIDATION_STORE = "deployment-validation-store";
    public static final String BY_SERVICE = "deployment-inputs-by-service";
    public static final String RATES_STORE = "deployment-rollback-rates-store";
    public static final String RATES_BY_SCOPE = "deployment-rates-by-scope";
    public static final String PLANS_STORE = "deployment-service-plans-store";
    public static final String HOST_RISK_BY_HOST = "deployment-host-risk-by-host";

    private final DeploymentSettings settings;
    private final Supplier<RiskModel> models;
    private final Serde<GuardianInput> inputSerde;
    private final Serde<HostBaseline> baselineSerde;
    private final Serde<DeploymentState> stateSerde;
    private final Serde<HostRiskState> hostSerde;
    private final Serde<RollbackRates> ratesSerde;
    private final Serde<RiskScore> riskSerde;
    private final DeploymentTopics topics;

    public DeploymentGuardian(AvroSerdes serdes, DeploymentSettings settings, DeploymentTopics topics) {
        this(serdes, settings, () -> new OnlineRiskModel(HostFeatures.NAMES, settings.model()), topics);
    }

    /** @param models called once per stream task; each model takes {@link HostFeatures#NAMES} */
    public DeploymentGuardian(AvroSerdes serdes, DeploymentSettings settings, Supplier<RiskModel> models,
                              DeploymentTopics topics) {
        this.settings = settings;
        this.models = models;
        this.topics = topics;
        this.inputSerde = serdes.valueSerde();
        this.baselineSerde = serdes.valueSerde();
        this.stateSerde = serdes.valueSerde();
        this.hostSerde = serdes.valueSerde();
        this.ratesSerde = serdes.valueSerde();
        this.riskSerde = serdes.valueSerde();
    }

    /**
     * @param hostRisk the continuous host risk scores (key hostId, partitioned by service): re-keyed to where each
     *                 host's telemetry and baseline live, so the baseline a deployment freezes says whether the host
     *                 was already in alert before the rollout
     */
    public void build(StreamsBuilder builder, ValidatedInputs inputs, KStream<String, RiskScore> hostRisk) {
        Topic<String, StartupPlan> plans = topics.plans();
        builder.globalTable(plans.name(), Sources.consumed(plans, "deployment-plans-source"),
                Materialized.<String, StartupPlan, KeyValueStore<Bytes, byte[]>>as(PLANS_STORE)
                        .withKeySerde(plans.keySerde()).withValueSerde(plans.valueSerde()));
        KStream<String, GuardianInput> deployments = inputs.deployments()
                .map((id, event) -> KeyValue.pair(event.getServiceId(), new GuardianInput(event)),
                        Named.as("deployment-events-by-service"));
        KStream<String, SpecificRecord> risksByHost = hostRisk
                .repartition(Repartitioned.<String, RiskScore>as(HOST_RISK_BY_HOST)
                        .withKeySerde(Serdes.String()).withValueSerde(riskSerde))
                .mapValues(score -> (SpecificRecord) score, Named.as("deployment-host-risk-records"));
        KStream<String, GuardianInput> samples = inputs.telemetry()
                .mapValues(sample -> (SpecificRecord) sample, Named.as("deployment-telemetry-records"))
                .merge(risksByHost, Named.as("deployment-merge-host-risk"))
                .process(new BaselineSupplier(), Named.as("deployment-baseline"));
        KStream<String, GuardianInput> health =
                inputs.health().mapValues(GuardianInput::new, Named.as("deployment-health-probes"));
        KStream<String, GuardOutput> outputs = deployments.merge(samples, Named.as("deployment-merge-samples"))
                .merge(health, Named.as("deployment-merge-health"))
                .repartition(Repartitioned.<String, GuardianInput>as(BY_SERVICE)
                        .withKeySerde(Serdes.String()).withValueSerde(inputSerde))
                .mapValues(GuardInput::of, Named.as("deployment-input"))
                .process(new GuardSupplier(), Named.as("deployment-guard"));
        rollbackRates(outputs);
        outputs.split(Named.as("deployment-output-"))
                .branch((key, out) -> out instanceof GuardOutput.Risk, Branched.withConsumer(
                        route(out -> ((GuardOutput.Risk) out).score(), topics.riskScores(), "risk"), "risk"))
                .branch((key, out) -> out instanceof GuardOutput.Allocation, Branched.withConsumer(
                        route(out -> ((GuardOutput.Allocation) out).command(), topics.allocations(), "allocation"),
                        "allocation"))
                .branch((key, out) -> out instanceof GuardOutput.Rollback, Branched.withConsumer(
                        route(out -> ((GuardOutput.Rollback) out).command(), topics.rollbacks(), "rollback"), "rollback"))
                .branch((key, out) -> out instanceof GuardOutput.Notice, Branched.withConsumer(
                        route(out -> ((GuardOutput.Notice) out).alert(), topics.alerts(), "alert"), "alert"))
                .branch((key, out) -> out instanceof GuardOutput.Outcome, Branched.withConsumer(
                        route(out -> ((GuardOutput.Outcome) out).deployment(), topics.outcomes(), "outcome"),
                        "outcome"))
                .noDefaultBranch();
    }

    /**
     * Each rollback issued and each deployment ended, counted for its service and for all ({@code *}): the
     * increments are re-keyed by scope, so the tally of all services lives on one task. One record per
     * deployment event at most, so one partition for {@code *} is no bottleneck.
     */
    private void rollbackRates(KStream<String, GuardOutput> outputs) {
        outputs.flatMap((key, output) -> RollbackRateLedger.increments(output).stream()
                                .map(increment -> KeyValue.pair(increment.getScope(), increment)).toList(),
                        Named.as("deployment-rates-increments"))
                .repartition(Repartitioned.<String, RollbackRates>as(RATES_BY_SCOPE)
                        .withKeySerde(Serdes.String()).withValueSerde(ratesSerde))
                .groupByKey(Grouped.<String, RollbackRates>as("deployment-rates-grouped")
                        .withKeySerde(Serdes.String()).withValueSerde(ratesSerde))
                .aggregate(() -> RollbackRateLedger.empty(""),
                        (scope, increment, total) -> RollbackRateLedger.add(
                                RollbackRates.newBuilder(total).setScope(scope).build(), increment),
                        Named.as("deployment-rates-count"),
                        // uncached: a cache drops the ChangelogPrimer's tombstone, and rollbacks are few
                        Materialized.<String, RollbackRates, KeyValueStore<Bytes, byte[]>>as(RATES_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(ratesSerde).withCachingDisabled())
                .toStream(Named.as("deployment-rates-updates"))
                .to(topics.rollbackRates().name(), Sinks.produced(topics.rollbackRates(), "deployment-rates-sink"));
    }

    private static <V> Consumer<KStream<String, GuardOutput>> route(
            Function<GuardOutput, V> unwrap, Topic<String, V> topic, String name) {
        return outputs -> outputs.mapValues(unwrap::apply, Named.as("deployment-" + name + "-unwrap"))
                .to(topic.name(), Sinks.produced(topic, "deployment-" + name + "-sink"));
    }

    private final class BaselineSupplier implements ProcessorSupplier<String, SpecificRecord, String, GuardianInput> {

        @Override
        public Processor<String, SpecificRecord, String, GuardianInput> get() {
            return new BaselineProcessor(settings.baselineTime(), settings.minBaselineSamples());
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BASELINE_STORE),
                    Serdes.String(), baselineSerde).withCachingEnabled());
        }
    }

    private final class GuardSupplier implements ProcessorSupplier<String, GuardInput, String, GuardOutput> {

        @Override
        public Processor<String, GuardInput, String, GuardOutput> get() {
            return new GuardProcessor(settings, models.get());
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), stateSerde),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HOST_STORE), Serdes.String(), hostSerde)
                            .withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MODEL_STORE), Serdes.String(),
                            Serdes.ByteArray()),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VALIDATION_STORE), Serdes.String(),
                            Serdes.String()));
        }
    }
}
