package dev.foresight.topology.orchestration;

import dev.foresight.domain.orchestration.OrchestrationCommands;
import dev.foresight.domain.orchestration.CheckHandler;
import dev.foresight.domain.orchestration.OrchestrationRecords;
import dev.foresight.domain.orchestration.EnvironmentPolicy;
import dev.foresight.domain.orchestration.OrchestratedEnvironment;
import dev.foresight.domain.orchestration.OrchestrationOutput;
import dev.foresight.domain.orchestration.ServiceGraph;
import dev.foresight.domain.orchestration.ServiceNode;
import dev.foresight.domain.orchestration.ServiceOrchestrator;
import dev.foresight.domain.orchestration.ServiceStatus;
import dev.foresight.domain.orchestration.StartupPlan;
import dev.foresight.ingest.EventFamilies;
import dev.foresight.schema.events.EnvironmentDefinition;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.internal.EarlyHealthCheck;
import dev.foresight.schema.internal.OrchestrationInput;
import dev.foresight.schema.state.OrchestratedService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One environment's orchestration, keyed by environment: topology edits are stored and re-planned,
 * health checks go through {@link CheckHandler}. The graph and policy of each environment are derived
 * from the topology store and cached until the next edit of that environment.
 *
 * <p>A check of a service not in the graph is held ({@link ServiceOrchestration#EARLY_CHECKS_STORE}): edits
 * and checks come through one repartition but from the ingest tasks of different partitions, so while a
 * backlog is caught up a service's checks can arrive before its definition. When the service is planned,
 * its held checks from the definition's time on are handled in time order, across the environment's
 * services, before any later one; older ones, and those of a service nobody defines within the hold, are
 * dropped, as checks outside the topology always were.
 */
final class OrchestrationProcessor implements Processor<String, OrchestrationInput, String, OrchestrationOutput> {

    private static final long EXPIRY_INTERVAL_MS = 60_000;

    private final OrchestrationSettings settings;
    private final Map<String, OrchestratedEnvironment> environments = new HashMap<>();
    private ProcessorContext<String, OrchestrationOutput> context;
    private KeyValueStore<String, ServiceTopologyEvent> topology;
    private KeyValueStore<String, OrchestratedService> services;
    private KeyValueStore<String, dev.foresight.schema.commands.StartupPlan> plans;
    private KeyValueStore<String, EarlyHealthCheck> early;
    /** environment/serviceId of every service with checks held: its later checks wait behind them. */
    private final Set<String> holding = new HashSet<>();
    private boolean replanDue = true;
    private long lastEditMs;
    private long lastExpiryMs;

    OrchestrationProcessor(OrchestrationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, OrchestrationOutput> context) {
        this.context = context;
        this.topology = context.getStateStore(ServiceOrchestration.TOPOLOGY_STORE);
        this.services = context.getStateStore(ServiceOrchestration.SERVICE_STORE);
        this.plans = context.getStateStore(ServiceOrchestration.PLAN_STORE);
        this.early = context.getStateStore(ServiceOrchestration.EARLY_CHECKS_STORE);
        try (KeyValueIterator<String, EarlyHealthCheck> it = early.all()) {
            it.forEachRemaining(kv -> holding.add(serviceKey(kv.value.getCheck())));
        }
        context.schedule(settings.planInterval(), PunctuationType.WALL_CLOCK_TIME, now -> replan(now));
    }

    @Override
    public void process(Record<String, OrchestrationInput> record) {
        if (record.value().getInput() instanceof ServiceTopologyEvent edit) {
            topology.put(EventFamilies.topologyKey(edit), edit);
            environments.remove(edit.getEnvironment());
            replanDue = true;
            lastEditMs = context.currentSystemTimeMs();
        } else if (record.value().getInput() instanceof HealthCheckEvent check) {
            OrchestratedEnvironment env = environment(check.getEnvironment());
            long nowMs = context.currentSystemTimeMs();
            if (env.graph().contains(check.getServiceId()) && !holding.contains(serviceKey(check))) {
                handle(env, check, record.timestamp(), nowMs);
            } else {
                early.put(heldKey(check), new EarlyHealthCheck(check, Instant.ofEpochMilli(nowMs)));
                holding.add(serviceKey(check));
            }
        }
    }

    private void handle(OrchestratedEnvironment env, HealthCheckEvent check, long timestampMs, long nowMs) {
        new CheckHandler(env, settings.dependencySilence(), this::load, this::store, out -> context.forward(
                new Record<>(out instanceof OrchestrationOutput.Rollback r ? r.command().getDeploymentId()
                        : OrchestrationCommands.key(env.name(), check.getServiceId()), out, timestampMs)))
                .handle(OrchestrationRecords.check(check), check.getEventId(), nowMs);
    }

    private OrchestratedEnvironment environment(String name) {
        return environments.computeIfAbsent(name, this::readEnvironment);
    }

    private OrchestratedEnvironment readEnvironment(String name) {
        List<ServiceNode> nodes = new ArrayList<>();
        try (KeyValueIterator<String, ServiceTopologyEvent> it = topology.prefixScan(name + "/", new StringSerializer())) {
            it.forEachRemaining(kv -> {
                if (kv.value.getPayload() instanceof ServiceDefinition d && !d.getRemoved()) {
                    nodes.add(OrchestrationRecords.node(d));
                }
            });
        }
        EnvironmentPolicy policy = Optional.ofNullable(topology.get(name))
                .filter(e -> e.getPayload() instanceof EnvironmentDefinition)
                .map(e -> OrchestrationRecords.policy((EnvironmentDefinition) e.getPayload(), settings.defaultPolicy()))
                .orElse(settings.defaultPolicy());
        return new OrchestratedEnvironment(name, ServiceGraph.of(nodes), new ServiceOrchestrator(policy));
    }

    /**
     * Emits the plan of every environment whose plan changed since the last one emitted, once no edit has
     * arrived for a plan interval: edits of one topology come from several partitions, not at once.
     */
    private void replan(long nowMs) {
        expireHeldChecks(nowMs);
        if (!replanDue || nowMs - lastEditMs < settings.planInterval().toMillis()) {
            return;
        }
        replanDue = false;
        List<String> names = new ArrayList<>();
        try (KeyValueIterator<String, ServiceTopologyEvent> it = topology.all()) {
            it.forEachRemaining(kv -> {
                if (!names.contains(kv.value.getEnvironment())) {
                    names.add(kv.value.getEnvironment());
                }
            });
        }
        names.forEach(name -> {
            OrchestratedEnvironment env = environment(name);
            replan(env, nowMs);
            releaseHeldChecks(env, nowMs);
        });
    }

    /** Handles the held checks of the environment's planned services, all of them in time order. */
    private void releaseHeldChecks(OrchestratedEnvironment env, long nowMs) {
        List<HealthCheckEvent> released = new ArrayList<>();
        try (KeyValueIterator<String, EarlyHealthCheck> it = early.prefixScan(env.name() + "/",
                new StringSerializer())) {
            it.forEachRemaining(kv -> {
                HealthCheckEvent check = kv.value.getCheck();
                if (env.graph().contains(check.getServiceId())) {
                    early.delete(kv.key);
                    holding.remove(serviceKey(check));
                    if (!check.getTimestamp().isBefore(definedAt(env.name(), check.getServiceId()))) {
                        released.add(check);
                    }
                }
            });
        }
        released.sort(Comparator.comparing(HealthCheckEvent::getTimestamp).thenComparing(HealthCheckEvent::getEventId));
        released.forEach(check -> handle(env, check, check.getTimestamp().toEpochMilli(), nowMs));
    }

    private Instant definedAt(String environment, String serviceId) {
        return topology.get(OrchestrationCommands.key(environment, serviceId)).getTimestamp();
    }

    /** Drops checks held longer than the hold: their services were never defined. At most once a minute. */
    private void expireHeldChecks(long nowMs) {
        if (holding.isEmpty() || nowMs - lastExpiryMs < EXPIRY_INTERVAL_MS) {
            return;
        }
        lastExpiryMs = nowMs;
        long cutoff = nowMs - settings.earlyCheckHold().toMillis();
        holding.clear();
        try (KeyValueIterator<String, EarlyHealthCheck> it = early.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.getHeldSince().toEpochMilli() < cutoff) {
                    early.delete(kv.key);
                } else {
                    holding.add(serviceKey(kv.value.getCheck()));
                }
            });
        }
    }

    private static String serviceKey(HealthCheckEvent check) {
        return OrchestrationCommands.key(check.getEnvironment(), check.getServiceId());
    }

    /** Time-ordered within a service; the event id keeps two checks of one instant apart. */
    private static String heldKey(HealthCheckEvent check) {
        return String.format(Locale.ROOT, "%s/%020d/%s", serviceKey(check), check.getTimestamp().toEpochMilli(),
                check.getEventId());
    }

    private void replan(OrchestratedEnvironment env, long nowMs) {
        List<String> problems = env.graph().problems();
        StartupPlan plan = problems.isEmpty() ? env.graph().plan() : StartupPlan.none();
        dev.foresight.schema.commands.StartupPlan previous = plans.get(env.name());
        if (previous != null && previous.getGroups().equals(plan.groups()) && previous.getProblems().equals(problems)
                && previous.getDependencies().equals(plan.dependencies())) {
            return;
        }
        dev.foresight.schema.commands.StartupPlan emitted = OrchestrationCommands.plan(env.name(), plan, problems,
                Instant.ofEpochMilli(nowMs), env.graph().services().size());
        plans.put(env.name(), emitted);
        context.forward(new Record<>(env.name(), new OrchestrationOutput.Plan(emitted), nowMs));
    }

    private ServiceStatus load(String environment, String serviceId) {
        OrchestratedService stored = services.get(OrchestrationCommands.key(environment, serviceId));
        return stored == null ? ServiceStatus.initial() : OrchestrationRecords.status(stored);
    }

    private void store(String environment, String serviceId, ServiceStatus status) {
        services.put(OrchestrationCommands.key(environment, serviceId),
                OrchestrationRecords.record(environment, serviceId, status));
    }
}
