package dev.foresight.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.app.ServiceTopologyEdits;
import dev.foresight.ingest.EventFamilies;
import dev.foresight.producers.EventSink;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.sim.ServiceFaults;
import dev.foresight.producers.sim.Simulation;
import dev.foresight.schema.commands.OrchestrationAction;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.commands.RollbackCommand;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.state.HealthStatus;
import dev.foresight.schema.state.ServiceHealth;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's five services in staging, simulated with their faults through the whole app on a real
 * broker (exactly-once): a 40 s database outage that fails everything calling it, bot flapping five
 * times, a green frontend that fails 30 s after appearing. Simulated time runs 20× from 9 minutes ago,
 * so every event lies in the past. Also prints the figures the README quotes: health evaluation latency
 * (wall clock from sending a check to its score being written), recovery times and the startup time.
 */
class ServiceOrchestrationIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String ENV = "staging";
    private static final List<String> DEPENDENTS = List.of("auth", "backend", "bot", "frontend");
    /** Outage at 1 min, bot flapping from 3 min, green at 6 min; cycle longer than the run. */
    private static final ServiceFaults FAULTS = new ServiceFaults(Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofSeconds(40), Duration.ofMinutes(3), Duration.ofSeconds(15), Duration.ofSeconds(20), 5,
            Duration.ofMinutes(6), Duration.ofSeconds(30));
    private static final Duration RUN = Duration.ofMinutes(8);

    @TempDir
    Path dir;

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

    @Test
    void shouldContainTheDatabaseCascadeRestartWithGrowingDelaysAndRevertABadGreen() throws Exception {
        Instant start = Instant.now().minus(Duration.ofMinutes(9)).truncatedTo(ChronoUnit.SECONDS);
        try (AppOnBroker app = AppOnBroker.start(dir, "orchestration-it-" + UUID.randomUUID(), TIMEOUT);
             KafkaEventSink kafka = KafkaEventSink.connect(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, app.bootstrapServers()), AvroSerdes.bundled());
             TopicReader<OrchestrationCommand> commands = reader(app, Topics.ORCHESTRATION_COMMANDS);
             TopicReader<ServiceHealth> health = reader(app, Topics.SERVICE_HEALTH);
             TopicReader<StartupPlan> plans = reader(app, Topics.STARTUP_PLANS);
             TopicReader<RollbackCommand> rollbacks = reader(app, Topics.ROLLBACKS)) {
            // Configured before the services start, as in production: checks of services the orchestrator
            // does not know yet are ignored.
            ServiceTopologyEdits.simulated().edits().forEach(edit -> kafka.send(Topics.SERVICE_TOPOLOGY,
                    EventFamilies.topologyKey(edit), edit, start.toEpochMilli()));
            kafka.flush();
            StartupPlan plan = plans.readUntil(r -> !r.isEmpty(), TIMEOUT).get(0).value();
            simulation(start, Speedup.parse("20")).runFor(RUN, timed(kafka));
            kafka.flush();

            assertEquals(List.of(List.of("database"), List.of("auth"), List.of("backend"), List.of("bot", "frontend")),
                    plan.getGroups());
            List<OrchestrationCommand> all = values(commands.readUntil(r -> values(r).stream().anyMatch(c ->
                    c.getAction() == OrchestrationAction.REVERT_TRAFFIC), TIMEOUT));

            assertCascadeContained(all, start);
            assertGrowingDelays(of(all, OrchestrationAction.RESTART, "bot"));
            assertEquals(1, of(all, OrchestrationAction.SWITCH_TRAFFIC, "frontend").size());
            RollbackCommand rollback = values(rollbacks.readUntil(r -> !r.isEmpty(), TIMEOUT)).get(0);
            assertEquals("1.0.0", rollback.getRestoreVersion());
            assertEquals("2.0.0", rollback.getFailedVersion());
            Instant lastChecks = start.plus(RUN).minusSeconds(10);
            List<ServiceHealth> scenario = values(health.readUntil(r -> values(r).stream()
                    .anyMatch(h -> h.getCheckedAt().isAfter(lastChecks)), TIMEOUT));
            printScenarioFigures(scenario, start);
            measureLatencyAtTheClocksPace(kafka, health);
        }
    }

    /** Only the database is restarted and broken during its outage; every dependent is degraded, then restored. */
    private static void assertCascadeContained(List<OrchestrationCommand> all, Instant start) {
        Instant flappingStarts = start.plus(FAULTS.flappingFrom());
        List<OrchestrationCommand> outage = all.stream().filter(c -> c.getIssuedAt().isBefore(flappingStarts)).toList();
        assertTrue(of(outage, OrchestrationAction.RESTART, "database").size() >= 2, outage.toString());
        assertGrowingDelays(of(outage, OrchestrationAction.RESTART, "database"));
        List<OrchestrationCommand> downstream = outage.stream().filter(c -> !c.getServiceId().equals("database"))
                .filter(c -> c.getAction() == OrchestrationAction.RESTART
                        || c.getAction() == OrchestrationAction.OPEN_CIRCUIT).toList();
        assertEquals(List.of(), downstream, "nothing downstream is restarted or broken");
        for (String dependent : DEPENDENTS) {
            List<OrchestrationCommand> degrade = of(outage, OrchestrationAction.DEGRADE, dependent);
            assertEquals(1, degrade.size(), dependent);
            assertEquals(List.of("database"), degrade.get(0).getCauses());
            assertEquals(1, of(outage, OrchestrationAction.RESTORE, dependent).size(), dependent);
        }
        assertTrue(of(outage, OrchestrationAction.CLOSE_CIRCUIT, "database").size() >= 1);
    }

    private static void assertGrowingDelays(List<OrchestrationCommand> restarts) {
        assertTrue(restarts.size() >= 2, restarts.toString());
        for (int i = 1; i < restarts.size(); i++) {
            assertEquals(i + 1, restarts.get(i).getAttempt());
            assertTrue(restarts.get(i).getDelayMs() > restarts.get(i - 1).getDelayMs(), restarts.toString());
        }
    }

    private static Simulation simulation(Instant start, Speedup speedup) {
        return Simulation.builder().seed(9).start(start).services(1).hostsPerService(1).speedup(speedup)
                .orchestrated(ServiceTopologyEdits.simulated()).serviceFaults(FAULTS).build();
    }

    /**
     * The evaluation latency where it matters, at the clock's pace: 30 s of fresh checks (no fault falls in
     * them), each from being handed to the producer to its score being written, both by the wall clock.
     */
    private void measureLatencyAtTheClocksPace(KafkaEventSink kafka, TopicReader<ServiceHealth> health) {
        sentAt.clear();
        Instant live = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        simulation(live, Speedup.parse("1")).runFor(Duration.ofSeconds(30), timed(kafka));
        kafka.flush();
        int sent = sentAt.size();
        List<Long> latencies = values(health.readUntil(r -> values(r).stream()
                .filter(h -> sentAt.containsKey(h.getCheckEventId())).count() >= sent, TIMEOUT)).stream()
                .filter(h -> sentAt.containsKey(h.getCheckEventId()))
                .map(h -> h.getEvaluatedAt().toEpochMilli() - sentAt.get(h.getCheckEventId())).sorted().toList();
        System.out.printf("orchestration latency at 1x: %d checks; check sent -> score written p50 %d ms, p99 %d ms,"
                + " max %d ms%n", latencies.size(), latencies.get(latencies.size() / 2),
                latencies.get(latencies.size() * 99 / 100), latencies.get(latencies.size() - 1));
    }

    private static void printScenarioFigures(List<ServiceHealth> scores, Instant start) {
        List<String> recoveries = scores.stream().filter(s -> s.getRecoveredAfterMs() != null)
                .map(s -> s.getServiceId() + " " + s.getRecoveredAfterMs() / 1000.0 + " s").toList();
        Instant allUp = scores.stream().filter(s -> s.getStatus() == HealthStatus.HEALTHY)
                .collect(Collectors.toMap(ServiceHealth::getServiceId, ServiceHealth::getCheckedAt,
                        (a, b) -> a.isBefore(b) ? a : b)).values().stream().max(Instant::compareTo).orElseThrow();
        System.out.printf("orchestration scenario: %d scores; recoveries (first failed check to the second passed"
                + " one) %s; all five services healthy %.1f s after the start%n", scores.size(), recoveries,
                Duration.between(start, allUp).toMillis() / 1000.0);
    }

    /** Remembers when each orchestration check was handed to the producer, by the wall clock. */
    private EventSink timed(KafkaEventSink kafka) {
        return new EventSink() {
            @Override
            public <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, long timestampMs) {
                if (value instanceof HealthCheckEvent check && ENV.equals(check.getEnvironment())) {
                    sentAt.put(check.getEventId(), System.currentTimeMillis());
                }
                kafka.send(topic, key, value, timestampMs);
            }

            @Override
            public void flush() {
                kafka.flush();
            }
        };
    }

    private static List<OrchestrationCommand> of(List<OrchestrationCommand> all, OrchestrationAction action,
                                                 String serviceId) {
        return all.stream().filter(c -> c.getAction() == action && c.getServiceId().equals(serviceId)).toList();
    }

    private static <V extends SpecificRecord> TopicReader<V> reader(AppOnBroker app, TopicSpec<V> topic) {
        return new TopicReader<>(app.bootstrapServers(), topic.name(), AvroSerdes.bundled().<V>valueSerde().deserializer());
    }

    private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }
}
