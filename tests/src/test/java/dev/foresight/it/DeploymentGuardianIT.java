package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.ingest.EventFamilies;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.common.DbChangeKind;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentFailed;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.internal.GuardianInput;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.RollbackRates;
import dev.foresight.schema.state.DeploymentStatus;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.deployment.DeploymentGuardian;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment that fails with warning signs, through the whole app on a real broker (exactly-once),
 * with the real risk model as it starts: its prior. Three hosts of one service; from minute 5 the first
 * host's CPU, memory, latency and errors climb, the others stay normal; the deployment tool reports the
 * failure at 11:30; the restored version then probes healthy for ten minutes.
 *
 * <p>Events are sent in phases, each once the app has shown it processed the one before: the guardian
 * only follows a deployment whose start it has seen, and only acts on samples before the failure, and
 * events sent at once on different topics reach it in no set order. So: the baseline and the
 * deployment's start, until the start is in the guardian's input topic; two normal minutes, until every
 * host is scored; the warning signs, until the allocation commands are out; the failure, until the
 * rollback is out; the probes. All event times lie in the past, every 10 s per host as agents send them.
 */
class DeploymentGuardianIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String APPLICATION_ID = "guardian-it-" + UUID.randomUUID();
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MINUTES);
    private static final String SERVICE = "checkout";
    private static final String DEPLOYMENT = "dep-it-1";
    private static final String FAILING = "checkout-1";
    private static final List<String> HOSTS = List.of(FAILING, "checkout-2", "checkout-3");
    /** What the deployment tool says calls checkout; the environment's service graph knows better. */
    private static final List<String> DEPENDENTS = List.of("cart", "search");
    private static final String ENVIRONMENT = "prod";
    /** checkout ← cart ← web in prod's topology: both scaled, search (not in it) is not. */
    private static final List<String> GRAPH_DEPENDENTS = List.of("cart", "web");
    private static final String FROM = "1.4.2";
    private static final String TO = "1.5.0";
    private static final Instant STARTED = at(3, 0);
    private static final Instant SIGNS_START = at(5, 0);
    private static final Instant FAILED = at(11, 30);
    /** The restored version reads currency, which the new version stopped writing and which has no default. */
    private static final Set<String> VALIDATION_KINDS = Set.of("rollback-validated", "rollback-escalation");
    private static final String ORDER_V1 = """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "string"}, {"name": "total", "type": "double"}, {"name": "currency", "type": "string"}]}""";
    private static final String ORDER_V2 = """
            {"type": "record", "name": "Order", "fields": [
              {"name": "id", "type": "string"}, {"name": "total", "type": "double"},
              {"name": "discount", "type": "double", "default": 0}]}""";

    @TempDir
    static Path dir;

    private static AppOnBroker app;
    private static KafkaEventSink events;

    @BeforeAll
    static void startBrokerAndApp() throws Exception {
        app = AppOnBroker.start(dir, APPLICATION_ID, TIMEOUT);
        events = KafkaEventSink.connect(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers()),
                AvroSerdes.bundled());
    }

    @AfterAll
    static void stop() {
        if (events != null) {
            events.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void shouldPredictAFailingDeploymentActBeforeItFailsAndRollBackWithABlend() {
        try (TopicReader<RiskScore> risks = reader(Topics.RISK_SCORES.name());
             TopicReader<AllocationCommand> allocations = reader(Topics.ALLOCATIONS.name());
             TopicReader<RollbackCommand> rollbacks = reader(Topics.ROLLBACKS.name());
             TopicReader<Alert> alerts = reader(Topics.ALERTS.name());
             TopicReader<DeploymentState> outcomes = reader(Topics.DEPLOYMENT_OUTCOMES.name());
             TopicReader<RollbackRates> rates = reader(Topics.ROLLBACK_RATES.name())) {
            telemetry(at(0, 0), STARTED);
            publishTopology();
            startDeployment();
            try (TopicReader<GuardianInput> guardianInputs = reader(
                    APPLICATION_ID + "-" + DeploymentGuardian.BY_SERVICE + "-repartition")) {
                guardianInputs.readUntil(records -> records.stream().anyMatch(r -> r.value().getInput() instanceof DeploymentEvent e
                        && e.getPayload() instanceof DeploymentStarted), TIMEOUT);
            }
            telemetry(STARTED, SIGNS_START.plusSeconds(10));
            risks.readUntil(records -> scoredHosts(records).containsAll(HOSTS), TIMEOUT);

            telemetry(SIGNS_START.plusSeconds(10), at(11, 10));
            List<AllocationCommand> commands = values(allocations.readUntil(records -> actions(records).containsAll(Set.of(
                    AllocationAction.THROTTLE, AllocationAction.SHIFT_TRAFFIC, AllocationAction.BOOST, AllocationAction.SCALE))
                    && targets(records).containsAll(GRAPH_DEPENDENTS), TIMEOUT));
            deployment(FAILED, new DeploymentFailed("verification failed: error rate above threshold", FAILING));
            RollbackCommand rollback = values(rollbacks.readUntil(records -> !records.isEmpty(), TIMEOUT)).get(0);
            probes(at(12, 0), at(22, 0));
            List<Alert> raised = values(alerts.readUntil(records -> values(records).stream()
                    .anyMatch(a -> VALIDATION_KINDS.contains(a.getKind())), TIMEOUT));
            Alert validation = raised.stream().filter(a -> VALIDATION_KINDS.contains(a.getKind())).findFirst().orElseThrow();
            DeploymentState outcome = ofDeployment(outcomes.readUntil(hasKey(DEPLOYMENT), TIMEOUT));
            List<RollbackRates> tallies = values(rates.readUntil(records -> values(records).stream()
                    .filter(r -> r.getValidated() == 1).map(RollbackRates::getScope).collect(Collectors.toSet())
                    .containsAll(Set.of(SERVICE, "*")), TIMEOUT));

            assertRisingRiskOnTheFailingHostOnly(values(risks.readUntil(
                    records -> values(records).stream().filter(DeploymentGuardianIT::scoresTheSigns).count() >= 6, TIMEOUT)));
            assertActedOnTheFailingHostBeforeTheFailure(commands);
            assertBlend(rollback);
            assertQuarantineAlerted(raised);
            assertEquals("rollback-validated", validation.getKind(), validation.getMessage());
            assertEquals(AlertSeverity.INFO, validation.getSeverity());
            assertEquals(DeploymentStatus.PARTIALLY_SUCCEEDED, outcome.getStatus(), "compatible resources were kept");
            RollbackRates serviceRates = tallies.stream().filter(r -> SERVICE.equals(r.getScope()) && r.getValidated() == 1)
                    .findFirst().orElseThrow();
            assertEquals(1, serviceRates.getRolledBack());
            assertEquals(1.0, serviceRates.getSuccessRate(), "the one rollback was validated");
            assertEquals(Set.of("orders-add-discount", "retry-max-attempts", "new-checkout-flow"),
                    outcome.getKeptResources().stream().map(DeployedResource::getResourceId).collect(Collectors.toSet()));
        }
    }

    /** Scored once a minute as windows close: flat before the signs, then rising past the abort risk. */
    private static void assertRisingRiskOnTheFailingHostOnly(List<RiskScore> scores) {
        List<Double> failing = scores.stream().filter(DeploymentGuardianIT::scoresTheSigns)
                .sorted((a, b) -> a.getIssuedAt().compareTo(b.getIssuedAt()))
                .map(RiskScore::getScore).toList();
        assertEquals(6, failing.size(), "windows of minutes 5 to 10: " + failing);
        for (int i = 1; i < failing.size(); i++) {
            assertTrue(failing.get(i) > failing.get(i - 1), "rising: " + failing);
        }
        assertTrue(failing.get(0) < 0.5 && failing.get(failing.size() - 1) > 0.9, "from calm to abort level: " + failing);
        assertTrue(scores.stream().filter(s -> !s.getHostId().equals(FAILING)).allMatch(s -> s.getScore() < 0.5),
                "the healthy hosts stay calm");
    }

    /** A score of a window of the failing host that closed after its signs began. */
    private static boolean scoresTheSigns(RiskScore score) {
        return score.getHostId().equals(FAILING) && score.getIssuedAt().isAfter(SIGNS_START);
    }

    private static void assertActedOnTheFailingHostBeforeTheFailure(List<AllocationCommand> commands) {
        assertTrue(commands.stream().allMatch(c -> c.getIssuedAt().isBefore(FAILED)), commands.toString());
        assertTrue(commands.stream().allMatch(c -> DEPLOYMENT.equals(c.getCorrelationId())), commands.toString());
        Map<AllocationAction, Set<String>> targets = commands.stream().collect(Collectors.groupingBy(
                AllocationCommand::getAction, Collectors.mapping(AllocationCommand::getTarget, Collectors.toSet())));
        assertEquals(Set.of(FAILING), targets.get(AllocationAction.THROTTLE));
        assertEquals(Set.of(FAILING), targets.get(AllocationAction.SHIFT_TRAFFIC));
        assertEquals(Set.of(FAILING), targets.get(AllocationAction.BOOST));
        assertEquals(Set.copyOf(GRAPH_DEPENDENTS), targets.get(AllocationAction.SCALE), "transitively, from the graph");
        AllocationCommand scale = commands.stream().filter(c -> c.getAction() == AllocationAction.SCALE).findFirst()
                .orElseThrow();
        String from = scale.getDecision().getEvidence().get("deployment.dependents");
        assertTrue(from.startsWith("[cart, web] from prod's service graph, transitively"), from);
    }

    /**
     * prod's topology, then a wait until the guardian's global store holds its plan: the deployment must
     * not race the plan to the guardian.
     */
    private static void publishTopology() {
        Map<String, List<String>> graph = Map.of(SERVICE, List.of(), "cart", List.of(SERVICE), "web", List.of("cart"));
        int port = 8080;
        for (Map.Entry<String, List<String>> service : graph.entrySet()) {
            ServiceTopologyEvent edit = ServiceTopologyEvent.newBuilder().setEventId("edit-" + service.getKey())
                    .setTimestamp(T0).setEnvironment(ENVIRONMENT)
                    .setPayload(ServiceDefinition.newBuilder().setServiceId(service.getKey()).setPort(port++)
                            .setDependsOn(service.getValue()).build()).build();
            events.send(Topics.SERVICE_TOPOLOGY, EventFamilies.topologyKey(edit), edit, T0.toEpochMilli());
        }
        events.flush();
        ReadOnlyKeyValueStore<String, StartupPlan> plans = app.streams().store(StoreQueryParameters.fromNameAndType(
                DeploymentGuardian.PLANS_STORE, QueryableStoreTypes.keyValueStore()));
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (plans.get(ENVIRONMENT) == null || !plans.get(ENVIRONMENT).getDependencies().keySet().equals(graph.keySet())) {
            assertTrue(Instant.now().isBefore(deadline), "no plan of prod's topology in the guardian's store");
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static void assertBlend(RollbackCommand rollback) {
        assertEquals(FROM, rollback.getRestoreVersion());
        assertEquals(TO, rollback.getFailedVersion());
        assertTrue(!rollback.getIssuedAt().isAfter(FAILED), "at the failure at the latest: " + rollback.getIssuedAt());
        Map<String, BlendVerdict> verdicts = rollback.getBlend().stream().collect(Collectors.toMap(
                d -> d.getResource().getResourceId(), BlendDecision::getVerdict));
        assertEquals(Map.of(
                "orders-add-discount", BlendVerdict.KEEP,
                "orders-drop-legacy-code", BlendVerdict.REVERT,
                "order-schema-v2", BlendVerdict.CONFLICT,
                "retry-max-attempts", BlendVerdict.KEEP,
                "checkout-" + TO + ".jar", BlendVerdict.REVERT,
                "new-checkout-flow", BlendVerdict.KEEP), verdicts);
        assertEquals(List.of("payments-timeout"), rollback.getSkipped().stream()
                .map(skipped -> skipped.getResource().getResourceId()).toList(), "failed to apply: not blended");
        BlendDecision flag = rollback.getBlend().stream()
                .filter(d -> d.getResource().getKind() == ResourceKind.FEATURE_FLAG).findFirst().orElseThrow();
        assertEquals("false", flag.getResource().getAttributes().get("enabled"), "kept, switched off");
    }

    /** The one conflict is alerted with Avro's reason, on the deployment's key, before the validation. */
    private static void assertQuarantineAlerted(List<Alert> raised) {
        List<Alert> quarantined = raised.stream().filter(a -> "rollback-quarantine".equals(a.getKind())).toList();
        assertEquals(1, quarantined.size(), raised.toString());
        assertEquals(DEPLOYMENT, quarantined.get(0).getSubject());
        assertTrue(quarantined.get(0).getMessage().contains("order-schema-v2")
                && quarantined.get(0).getMessage().contains("READER_FIELD_MISSING_DEFAULT"), quarantined.get(0).getMessage());
        assertTrue(raised.indexOf(quarantined.get(0)) < raised.indexOf(raised.stream()
                .filter(a -> VALIDATION_KINDS.contains(a.getKind())).findFirst().orElseThrow()), "alerted at the rollback");
    }

    private static void startDeployment() {
        deployment(STARTED, DeploymentStarted.newBuilder().setFromVersion(FROM).setToVersion(TO).setHosts(HOSTS)
                .setDependents(DEPENDENTS).setKnownConfigKeys(List.of("retry.max-attempts")).setEnvironment(ENVIRONMENT)
                .build());
        List<DeployedResource> resources = List.of(
                resource("orders-add-discount", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.EXPAND).build(),
                resource("orders-drop-legacy-code", ResourceKind.DB_SCHEMA).setDbChange(DbChangeKind.CONTRACT).build(),
                resource("order-schema-v2", ResourceKind.AVRO_SCHEMA).setAvroSchema(ORDER_V2)
                        .setPreviousAvroSchema(ORDER_V1).build(),
                resource("retry-max-attempts", ResourceKind.CONFIG_KEY).setConfigKey("retry.max-attempts").build(),
                resource("checkout-" + TO + ".jar", ResourceKind.ARTIFACT).build(),
                resource("new-checkout-flow", ResourceKind.FEATURE_FLAG).setAttributes(Map.of("enabled", "true")).build());
        for (int i = 0; i < resources.size(); i++) {
            deployment(STARTED.plusSeconds(5L * (i + 1)), new ResourceApplied(resources.get(i), true, ""));
        }
        deployment(STARTED.plusSeconds(34), new ResourceApplied(resource("payments-timeout", ResourceKind.CONFIG_KEY)
                .setConfigKey("payments.timeout").build(), false, "rejected by the config service"));
        for (int i = 0; i < HOSTS.size(); i++) {
            deployment(STARTED.plusSeconds(40L + 40L * i), new HostStepCompleted(HOSTS.get(i), 1, true, "installed " + TO));
        }
    }

    /**
     * Every host every 10 s in {@code [from, to)}, in time order. From {@link #SIGNS_START} the failing
     * host's warning signs grow over six minutes: CPU and memory climb, latency and errors follow.
     */
    private static void telemetry(Instant from, Instant to) {
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(10)) {
            for (String host : HOSTS) {
                double signs = host.equals(FAILING) && !t.isBefore(SIGNS_START)
                        ? Math.pow(Math.min(1, Duration.between(SIGNS_START, t).toSeconds() / 360.0), 1.5) : 0;
                double cpu = 0.35 + 0.6 * signs;
                events.send(Topics.TELEMETRY, host, TelemetryEvent.newBuilder()
                        .setEventId(host + "-" + t.toEpochMilli()).setHostId(host).setServiceId(SERVICE).setTimestamp(t)
                        .setCpuUtilization(cpu).setMemoryUtilization(0.45 + 0.3 * signs).setNetworkMbps(16)
                        .setLatencyMs(40 * (1 + 1.5 * signs)).setRequestRate(100).setErrorRate(0.002 + 0.05 * signs)
                        .setDeploymentId(t.isBefore(STARTED) ? null : DEPLOYMENT)
                        .build(), t.toEpochMilli());
            }
        }
        events.flush();
    }

    /** The restored version, healthy on every host every 30 s in {@code [from, to]}. */
    private static void probes(Instant from, Instant to) {
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(30)) {
            for (String host : HOSTS) {
                events.send(Topics.HEALTH, SERVICE, HealthCheckEvent.newBuilder()
                        .setEventId(host + "-probe-" + t.toEpochMilli()).setServiceId(SERVICE).setInstanceId(host)
                        .setVersion(FROM).setTimestamp(t).setHealthy(true).setLatencyMs(12).build(), t.toEpochMilli());
            }
        }
        events.flush();
    }

    private static void deployment(Instant t, Object payload) {
        events.send(Topics.DEPLOYMENTS, DEPLOYMENT, DeploymentEvent.newBuilder()
                .setEventId(DEPLOYMENT + "-" + t.toEpochMilli()).setDeploymentId(DEPLOYMENT).setServiceId(SERVICE)
                .setTimestamp(t).setPayload(payload).build(), t.toEpochMilli());
        events.flush();
    }

    private static DeployedResource.Builder resource(String id, ResourceKind kind) {
        return DeployedResource.newBuilder().setResourceId(id).setKind(kind).setVersion(TO).setAttributes(Map.of());
    }

    private static Instant at(int minute, int second) {
        return T0.plus(Duration.ofMinutes(minute)).plusSeconds(second);
    }

    private static <V extends SpecificRecord> TopicReader<V> reader(String topic) {
        return new TopicReader<>(app.bootstrapServers(), topic, AvroSerdes.bundled().<V>valueSerde().deserializer());
    }

    private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    private static <V> V ofDeployment(List<ConsumerRecord<String, V>> records) {
        return records.stream().filter(r -> DEPLOYMENT.equals(r.key())).findFirst().orElseThrow().value();
    }

    private static <V> Predicate<List<ConsumerRecord<String, V>>> hasKey(String key) {
        return records -> records.stream().anyMatch(r -> key.equals(r.key()));
    }

    private static Set<String> scoredHosts(List<ConsumerRecord<String, RiskScore>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private static Set<AllocationAction> actions(List<ConsumerRecord<String, AllocationCommand>> records) {
        Set<AllocationAction> actions = EnumSet.noneOf(AllocationAction.class);
        records.forEach(r -> actions.add(r.value().getAction()));
        return actions;
    }

    private static Set<String> targets(List<ConsumerRecord<String, AllocationCommand>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }
}
