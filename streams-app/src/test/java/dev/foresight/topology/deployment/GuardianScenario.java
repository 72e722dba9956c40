package dev.foresight.topology.deployment;

import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.ingest.IngestSettings;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.events.DeploymentCompleted;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentFailed;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.RollbackRates;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.Events;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.NamedTopologies;
import dev.foresight.topology.TopologyFixture;
import dev.foresight.topology.hostrisk.HostRiskScoring;
import dev.foresight.topology.telemetry.TelemetryByService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import static dev.foresight.topology.TopologyFixture.START;


/**
 * One service's deployment driven through the guardian: events in at explicit times, commands out.
 * The wall clock follows event time, so the ingest stage does not take test events for future ones.
 */
final class GuardianScenario implements AutoCloseable {

    static final String SERVICE = "checkout";
    static final String DEPLOYMENT = "dep-1";
    static final String HOST = "host-1";
    static final String OTHER_HOST = "host-2";
    static final String FROM = "1.4.2";
    static final String TO = "1.5.0";
    static final List<String> DEPENDENTS = List.of("cart", "search");
    static final List<String> KNOWN_KEYS = List.of("retry.max-attempts", "batch.size");
    static final double BASELINE_ERROR_RATE = 0.01;

    final ErrorRateIsRisk model;
    private final TopologyFixture fixture;
    final TestOutputTopic<String, RiskScore> risks;
    final TestOutputTopic<String, AllocationCommand> allocations;
    final TestOutputTopic<String, RollbackCommand> rollbacks;
    final TestOutputTopic<String, Alert> alerts;
    final TestOutputTopic<String, DeploymentState> outcomes;
    final TestOutputTopic<String, RollbackRates> rates;
    private final TestInputTopic<String, TelemetryEvent> telemetry;
    private final TestInputTopic<String, DeploymentEvent> deployments;
    private final TestInputTopic<String, HealthCheckEvent> health;
    private final TestInputTopic<String, StartupPlan> plans;
    private Instant wallClock = START;
    private String currentDeployment = DEPLOYMENT;

    GuardianScenario(Path stateDir, ErrorRateIsRisk model) {
        this(stateDir, model, HostRiskSettings.defaults());
    }

    /** @param hostRisk the continuous host risk the guardian reads, beside it as in the application */
    GuardianScenario(Path stateDir, ErrorRateIsRisk model, HostRiskSettings hostRisk) {
        this.model = model;
        this.fixture = new TopologyFixture(topology(model, hostRisk), stateDir);
        risks = fixture.output(Topics.RISK_SCORES);
        allocations = fixture.output(Topics.ALLOCATIONS);
        rollbacks = fixture.output(Topics.ROLLBACKS);
        alerts = fixture.output(Topics.ALERTS);
        outcomes = fixture.output(Topics.DEPLOYMENT_OUTCOMES);
        rates = fixture.output(Topics.ROLLBACK_RATES);
        telemetry = fixture.input(Topics.TELEMETRY);
        deployments = fixture.input(Topics.DEPLOYMENTS);
        health = fixture.input(Topics.HEALTH);
        plans = fixture.input(Topics.STARTUP_PLANS);
    }

    static Topology topology(ErrorRateIsRisk model) {
        return topology(model, HostRiskSettings.defaults());
    }

    static Topology topology(ErrorRateIsRisk model, HostRiskSettings hostRiskSettings) {
        StreamsBuilder builder = NamedTopologies.builder();
        AvroSerdes serdes = AvroSerdes.bundled();
        ValidatedInputs inputs = ForesightTopology.ingest(builder, serdes, IngestSettings.defaults());
        KStream<String, RiskScore> hostRisk = new HostRiskScoring(serdes, hostRiskSettings,
                ForesightTopology.hostRiskTopics(serdes))
                .build(TelemetryByService.of(inputs.telemetry(), serdes.valueSerde()));
        new DeploymentGuardian(serdes, DeploymentSettings.defaults(), () -> model,
                ForesightTopology.deploymentTopics(serdes)).build(builder, inputs, hostRisk);
        return builder.build();
    }

    static Instant at(int minute, int second) {
        return START.plus(Duration.ofMinutes(minute)).plusSeconds(second);
    }

    /**
     * Samples of each host every 10 s outside any deployment, from {@code fromMinute} up to
     * {@code toMinute}, interleaved in time as agents send them: ingest dead-letters telemetry that
     * lags its partition's newest by more than 30 s.
     */
    void baseline(List<String> hosts, int fromMinute, int toMinute) {
        outside(hosts, fromMinute, toMinute, null, BASELINE_ERROR_RATE);
    }

    /** As {@link #baseline}, but {@code sick} shows {@code errorRate} errors on a saturated CPU. */
    void degrading(String sick, List<String> hosts, int fromMinute, int toMinute, double errorRate) {
        outside(hosts, fromMinute, toMinute, sick, errorRate);
    }

    private void outside(List<String> hosts, int fromMinute, int toMinute, String sick, double errorRate) {
        for (int minute = fromMinute; minute < toMinute; minute++) {
            for (int second = 0; second < 60; second += 10) {
                for (String host : hosts) {
                    boolean ill = host.equals(sick);
                    sample(host, null, at(minute, second), ill ? errorRate : BASELINE_ERROR_RATE, ill ? 0.92 : 0.4);
                }
            }
        }
    }

    /** A minute of samples during the deployment whose error rate, and so risk, is {@code risk}. */
    void window(String host, int minute, double risk, boolean saturated) {
        windows(minute, Map.of(host, risk), saturated);
    }

    /** A minute of samples of several hosts during the deployment, interleaved in time, in the map's order. */
    void windows(int minute, Map<String, Double> riskByHost, boolean saturated) {
        for (int second = 0; second < 60; second += 10) {
            for (Map.Entry<String, Double> host : riskByHost.entrySet()) {
                sample(host.getKey(), DEPLOYMENT, at(minute, second), host.getValue(), saturated ? 0.92 : 0.4);
            }
        }
    }

    /** The first sample of the next minute closes the window before it. */
    void closeWindow(String host, int minute) {
        sample(host, DEPLOYMENT, at(minute, 0), BASELINE_ERROR_RATE, 0.4);
    }

    /** The deployment events that follow are of {@code id}: the service's next deployment. */
    void next(String id) {
        currentDeployment = id;
    }

    void start(Instant at) {
        start(at, null);
    }

    /** @param environment where it deploys; null: not named */
    void start(Instant at, String environment) {
        deployment(at, DeploymentStarted.newBuilder().setFromVersion(FROM).setToVersion(TO)
                .setHosts(List.of(HOST, OTHER_HOST)).setDependents(DEPENDENTS).setKnownConfigKeys(KNOWN_KEYS)
                .setEnvironment(environment).build());
    }

    /** The orchestration's plan of {@code environment}: the service graph the guardian's global store reads. */
    void plan(String environment, Map<String, List<String>> dependencies, boolean valid, Instant at) {
        send(plans, environment, StartupPlan.newBuilder().setPlanId("plan-" + environment + "-" + at.toEpochMilli())
                .setIssuedAt(at).setEnvironment(environment).setValid(valid).setGroups(List.of())
                .setProblems(valid ? List.of() : List.of("dependency cycle")).setDependencies(dependencies)
                .setDecision(Decision.newBuilder().setMadeBy("orchestration-planner").setVersion("1").build())
                .build(), at);
    }

    void apply(DeployedResource resource, Instant at) {
        deployment(at, new ResourceApplied(resource, true, ""));
    }

    /** The deployment tool tried the resource and could not apply it. */
    void applyFailed(DeployedResource resource, String why, Instant at) {
        deployment(at, new ResourceApplied(resource, false, why));
    }

    void step(String host, int step, boolean succeeded, Instant at) {
        deployment(at, new HostStepCompleted(host, step, succeeded, succeeded ? "ok" : "verification failed"));
    }

    void fail(String host, Instant at) {
        deployment(at, new DeploymentFailed("verification failed: error rate above threshold", host));
    }

    void complete(Instant at) {
        deployment(at, new DeploymentCompleted(true));
    }

    void probe(String host, String version, boolean healthy, Instant at) {
        send(health, SERVICE, HealthCheckEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setServiceId(SERVICE).setInstanceId(host)
                .setVersion(version).setTimestamp(at).setHealthy(healthy).setLatencyMs(6).setDependsOn(List.of())
                .build(), at);
    }

    DeploymentState stored() {
        return fixture.driver().<String, DeploymentState>getKeyValueStore(DeploymentGuardian.STATE_STORE).get(DEPLOYMENT);
    }

    HostBaseline storedBaseline(String host) {
        return fixture.driver().<String, HostBaseline>getKeyValueStore(DeploymentGuardian.BASELINE_STORE).get(host);
    }

    RollbackRates storedRates(String scope) {
        return fixture.driver().<String, RollbackRates>getKeyValueStore(DeploymentGuardian.RATES_STORE).get(scope);
    }

    byte[] storedModel() {
        return fixture.driver().<String, byte[]>getKeyValueStore(DeploymentGuardian.MODEL_STORE).get(StoreGuardianState.MODEL_KEY);
    }

    private void sample(String host, String deploymentId, Instant at, double errorRate, double cpu) {
        TelemetryEvent event = Events.telemetry(host, SERVICE, at, cpu)
                .setMemoryUtilization(0.5).setErrorRate(errorRate).setKpis(Map.of("gcPauseMs", 12.0))
                .setDeploymentId(deploymentId).build();
        send(telemetry, host, event, at);
    }

    private void deployment(Instant at, Object payload) {
        send(deployments, currentDeployment, DeploymentEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setDeploymentId(currentDeployment).setServiceId(SERVICE)
                .setTimestamp(at).setPayload(payload).build(), at);
    }

    private <V> void send(TestInputTopic<String, V> topic, String key, V value, Instant at) {
        if (at.isAfter(wallClock)) {
            fixture.driver().advanceWallClockTime(Duration.between(wallClock, at));
            wallClock = at;
        }
        topic.pipeInput(key, value, at);
    }

    @Override
    public void close() {
        fixture.close();
    }
}
