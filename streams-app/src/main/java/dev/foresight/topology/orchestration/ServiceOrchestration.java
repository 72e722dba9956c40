package dev.foresight.topology.orchestration;

import dev.foresight.domain.orchestration.OrchestrationOutput;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.internal.EarlyHealthCheck;
import dev.foresight.schema.internal.OrchestrationInput;
import dev.foresight.schema.state.OrchestratedService;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topic;
import dev.foresight.topology.Sinks;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Service orchestration: startup plans from the service topology, a composite health score and SLA per
 * service, restarts with backoff, circuit breakers with graceful degradation of dependents, blue-green.
 *
 * <p><b>Inputs:</b> validated {@code service.topology.v1} (compacted; key environment/serviceId or
 * environment) and {@code health.events.v1} (key serviceId; checks of services not in their
 * environment's topology are held for their definition, then dropped: see {@link OrchestrationProcessor}).
 * <b>Repartition:</b> {@value #BY_ENVIRONMENT} (values {@code OrchestrationInput}, an Avro union of the two): both
 * re-keyed by environment, so one task owns an
 * environment's graph, every service's breaker and the degradation of their dependents, and sees edits
 * and checks in one order. An environment has a handful of services probed every few seconds, so one
 * task per environment is ample.
 * <b>Stores</b> (persistent, changelogged): {@value #TOPOLOGY_STORE} (latest edit per topology key),
 * {@value #SERVICE_STORE} (environment/serviceId → OrchestratedService: recovery, breaker, blue-green,
 * SLA buckets, degradation), {@value #PLAN_STORE} (environment → last plan emitted),
 * {@value #EARLY_CHECKS_STORE} (environment/serviceId/time/eventId → a check held for its service's definition).
 * <b>Outputs</b> ({@link OrchestrationTopics}): plans (key environment), service health (key environment/serviceId), orchestration
 * commands (RESTART, ESCALATE, OPEN/HALF_OPEN/CLOSE_CIRCUIT, DEGRADE, RESTORE, SWITCH/REVERT_TRAFFIC; key
 * environment/serviceId), alerts (orchestration-escalation, orchestration-green-rejected; key
 * environment/serviceId), rollbacks (a reverted blue-green switch; key blue-green/env/service/version).
 *
 * <p>Plans are emitted by a wall-clock punctuator ({@link OrchestrationSettings#planInterval()}) when an
 * environment's plan differs from the last one emitted, so a burst of edits gives one plan.
 */
public final class ServiceOrchestration {

    public static final String TOPOLOGY_STORE = "orchestration-topology-store";
    public static final String SERVICE_STORE = "orchestration-service-store";
    public static final String PLAN_STORE = "orchestration-plan-store";
    public static final String EARLY_CHECKS_STORE = "orchestration-early-checks-store";
    public static final String BY_ENVIRONMENT = "orchestration-inputs-by-environment";

    private final OrchestrationSettings settings;
    private final OrchestrationTopics topics;
    private final Serde<OrchestrationInput> inputSerde;
    private final Serde<ServiceTopologyEvent> topologySerde;
    private final Serde<OrchestratedService> serviceSerde;
    private final Serde<dev.foresight.schema.commands.StartupPlan> planSerde;
    private final Serde<EarlyHealthCheck> earlySerde;

    public ServiceOrchestration(AvroSerdes serdes, OrchestrationSettings settings, OrchestrationTopics topics) {
        this.settings = settings;
        this.topics = topics;
        this.inputSerde = serdes.valueSerde();
        this.topologySerde = serdes.valueSerde();
        this.serviceSerde = serdes.valueSerde();
        this.planSerde = serdes.valueSerde();
        this.earlySerde = serdes.valueSerde();
    }

    public void build(KStream<String, ServiceTopologyEvent> topology, KStream<String, HealthCheckEvent> health) {
        KStream<String, OrchestrationInput> edits = topology.map(
                (key, edit) -> KeyValue.pair(edit.getEnvironment(), new OrchestrationInput(edit)),
                Named.as("orchestration-edits-by-environment"));
        KStream<String, OrchestrationInput> checks = health.map(
                (key, check) -> KeyValue.pair(check.getEnvironment(), new OrchestrationInput(check)),
                Named.as("orchestration-checks-by-environment"));
        edits.merge(checks, Named.as("orchestration-merge-checks"))
                .repartition(Repartitioned.<String, OrchestrationInput>as(BY_ENVIRONMENT)
                        .withKeySerde(Serdes.String()).withValueSerde(inputSerde))
                .process(new OrchestrateSupplier(), Named.as("orchestration-orchestrate"))
                .split(Named.as("orchestration-output-"))
                .branch((key, out) -> out instanceof OrchestrationOutput.Plan, Branched.withConsumer(
                        route(out -> ((OrchestrationOutput.Plan) out).plan(), topics.plans(), "plan"), "plan"))
                .branch((key, out) -> out instanceof OrchestrationOutput.Health, Branched.withConsumer(
                        route(out -> ((OrchestrationOutput.Health) out).health(), topics.health(), "health"), "health"))
                .branch((key, out) -> out instanceof OrchestrationOutput.Command, Branched.withConsumer(
                        route(out -> ((OrchestrationOutput.Command) out).command(), topics.commands(), "command"),
                        "command"))
                .branch((key, out) -> out instanceof OrchestrationOutput.Rollback, Branched.withConsumer(
                        route(out -> ((OrchestrationOutput.Rollback) out).command(), topics.rollbacks(), "rollback"),
                        "rollback"))
                .branch((key, out) -> out instanceof OrchestrationOutput.Notice, Branched.withConsumer(
                        route(out -> ((OrchestrationOutput.Notice) out).alert(), topics.alerts(), "alert"), "alert"))
                .noDefaultBranch();
    }

    private static <V> Consumer<KStream<String, OrchestrationOutput>> route(
            Function<OrchestrationOutput, V> unwrap, Topic<String, V> topic, String name) {
        return outputs -> outputs.mapValues(unwrap::apply, Named.as("orchestration-" + name + "-unwrap"))
                .to(topic.name(), Sinks.produced(topic, "orchestration-" + name + "-sink"));
    }

    private final class OrchestrateSupplier
            implements ProcessorSupplier<String, OrchestrationInput, String, OrchestrationOutput> {

        @Override
        public Processor<String, OrchestrationInput, String, OrchestrationOutput> get() {
            return new OrchestrationProcessor(settings);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TOPOLOGY_STORE), Serdes.String(),
                            topologySerde),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SERVICE_STORE), Serdes.String(),
                            serviceSerde).withCachingEnabled(),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PLAN_STORE), Serdes.String(), planSerde),
                    Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EARLY_CHECKS_STORE), Serdes.String(),
                            earlySerde));
        }
    }
}
