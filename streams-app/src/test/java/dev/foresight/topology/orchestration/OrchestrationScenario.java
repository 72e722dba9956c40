package dev.foresight.topology.orchestration;

import static dev.foresight.topology.TopologyFixture.START;

import dev.foresight.domain.orchestration.EnvironmentPolicy;
import dev.foresight.ingest.EventFamilies;
import dev.foresight.ingest.IngestSettings;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.OrchestrationAction;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.state.ServiceHealth;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.NamedTopologies;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;

/**
 * The seed's five services in {@code prod} driven through ingest and the orchestration: edits and
 * checks in at explicit event times, the wall clock following them so ingest does not take them for
 * future events. Outputs are drained into lists as they come.
 */
final class OrchestrationScenario implements AutoCloseable {

    static final String ENV = "prod";

    private final TopologyFixture fixture;
    private final TestInputTopic<String, ServiceTopologyEvent> topology;
    private final TestInputTopic<String, HealthCheckEvent> health;
    private final TestOutputTopic<String, OrchestrationCommand> commandTopic;
    private final TestOutputTopic<String, ServiceHealth> healthTopic;
    private final TestOutputTopic<String, StartupPlan> planTopic;
    final TestOutputTopic<String, RollbackCommand> rollbacks;
    final TestOutputTopic<String, Alert> alerts;
    final List<OrchestrationCommand> commands = new ArrayList<>();
    final List<ServiceHealth> scores = new ArrayList<>();
    private Instant wallClock = START;
    private int sequence;

    OrchestrationScenario(Path stateDir) {
        this(stateDir, EnvironmentPolicy.defaults());
    }

    OrchestrationScenario(Path stateDir, EnvironmentPolicy policy) {
        fixture = new TopologyFixture(topology(policy), stateDir);
        topology = fixture.input(Topics.SERVICE_TOPOLOGY);
        health = fixture.input(Topics.HEALTH);
        commandTopic = fixture.output(Topics.ORCHESTRATION_COMMANDS);
        healthTopic = fixture.output(Topics.SERVICE_HEALTH);
        planTopic = fixture.output(Topics.STARTUP_PLANS);
        rollbacks = fixture.output(Topics.ROLLBACKS);
        alerts = fixture.output(Topics.ALERTS);
    }

    static Topology topology(EnvironmentPolicy policy) {
        StreamsBuilder builder = NamedTopologies.builder();
        AvroSerdes serdes = AvroSerdes.bundled();
        ValidatedInputs inputs = ForesightTopology.ingest(builder, serdes, IngestSettings.defaults());
        new ServiceOrchestration(serdes, OrchestrationSettings.withPolicy(policy),
                ForesightTopology.orchestrationTopics(serdes))
                .build(inputs.serviceTopology(), inputs.health());
        return builder.build();
    }

    static Instant at(int second) {
        return START.plusSeconds(second);
    }

    /** database ← auth ← backend ← {bot, frontend}, as in the shipped example. */
    OrchestrationScenario seedServices() {
        define("database", 5432);
        define("auth", 8002, "database");
        define("backend", 8001, "database", "auth");
        define("bot", 8004, "backend", "auth");
        define("frontend", 8081, "backend", "auth");
        return this;
    }

    void define(String serviceId, int port, String... dependsOn) {
        defineAsOf(wallClock, serviceId, port, dependsOn);
    }

    /** A definition stamped {@code time}, arriving now: after checks from later than it, as in a catch-up. */
    void defineAsOf(Instant time, String serviceId, int port, String... dependsOn) {
        ServiceTopologyEvent edit = ServiceTopologyEvent.newBuilder().setEventId(UUID.randomUUID().toString())
                .setTimestamp(time).setEnvironment(ENV)
                .setPayload(ServiceDefinition.newBuilder().setServiceId(serviceId).setPort(port)
                        .setDependsOn(List.of(dependsOn)).build())
                .build();
        topology.pipeInput(EventFamilies.topologyKey(edit), edit, time);
    }

    /** Lets the plan punctuator run. */
    List<StartupPlan> plans() {
        return passWallClock(Duration.ofSeconds(2));
    }

    /** Lets wall-clock punctuators run for {@code duration}; returns the plans they emitted. */
    List<StartupPlan> passWallClock(Duration duration) {
        fixture.driver().advanceWallClockTime(duration);
        wallClock = wallClock.plus(duration);
        drain();
        return planTopic.readValuesToList();
    }

    void check(String serviceId, int second, boolean healthy) {
        check(serviceId, second, healthy, null, "1.0.0");
    }

    /** The same check outcome for every service at {@code second}, in start order. */
    void checkAll(int second, boolean healthy, String... except) {
        for (String s : List.of("database", "auth", "backend", "bot", "frontend")) {
            if (!List.of(except).contains(s)) {
                check(s, second, healthy);
            }
        }
    }

    void check(String serviceId, int second, boolean healthy, String slot, String version) {
        Instant time = at(second);
        if (time.isAfter(wallClock)) {
            fixture.driver().advanceWallClockTime(Duration.between(wallClock, time));
            wallClock = time;
        }
        health.pipeInput(serviceId, HealthCheckEvent.newBuilder().setEventId("check-" + sequence++)
                .setServiceId(serviceId).setInstanceId(serviceId + "-1").setVersion(version).setTimestamp(time)
                .setHealthy(healthy).setLatencyMs(healthy ? 40 : 1500).setErrorRate(healthy ? 0.0 : 0.5)
                .setCpuUtilization(0.3).setMemoryUtilization(0.4).setEnvironment(ENV).setSlot(slot).build(), time);
        drain();
    }

    private void drain() {
        commands.addAll(commandTopic.readValuesToList());
        scores.addAll(healthTopic.readValuesToList());
    }

    List<OrchestrationCommand> commands(OrchestrationAction action) {
        return commands.stream().filter(c -> c.getAction() == action).toList();
    }

    List<OrchestrationCommand> commands(OrchestrationAction action, String serviceId) {
        return commands(action).stream().filter(c -> c.getServiceId().equals(serviceId)).toList();
    }

    @Override
    public void close() {
        fixture.close();
    }
}
