package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.common.DbChangeKind;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import dev.foresight.schema.events.DeploymentCompleted;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentFailed;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentSimulatorTest {

    private static Simulation simulation;
    private static List<DeploymentEvent> deployments;
    private static List<TelemetryEvent> telemetry;

    @BeforeAll
    static void runTwoDaysWithManyFailures() {
        simulation = Simulation.builder().seed(13).start(SimulationTest.START)
                .deploymentFailureRate(0.5).silentFailureFraction(0.25)
                .meanDeploymentInterval(Duration.ofMinutes(20)).build();
        RecordingEventSink sink = new RecordingEventSink();
        simulation.runFor(Duration.ofDays(2), sink);
        deployments = sink.values(Topics.DEPLOYMENTS);
        telemetry = sink.values(Topics.TELEMETRY);
    }

    @Test
    void shouldFailRoughlyTheConfiguredFractionOfDeployments() {
        List<DeploymentOutcome> outcomes = simulation.groundTruth().outcomes();
        double failed = simulation.groundTruth().failures().size() / (double) outcomes.size();

        assertTrue(outcomes.size() > 80, "only " + outcomes.size() + " deployments");
        assertTrue(failed > 0.35 && failed < 0.65, "failure fraction " + failed);
    }

    @Test
    void shouldShowRisingErrorRateLatencyAndMemoryOnWarnedHostsBeforeTheFailure() {
        List<DeploymentOutcome> warned = simulation.groundTruth().failures().stream()
                .filter(DeploymentOutcome::hadWarningSigns).toList();
        assertTrue(warned.size() > 10, "only " + warned.size() + " warned failures");
        for (DeploymentOutcome outcome : warned) {
            String host = outcome.failedHostId();
            Instant signs = outcome.warningStartByHost().get(host);
            Instant failedAt = outcome.endedAt();
            assertTrue(signs.isBefore(failedAt.minus(Duration.ofMinutes(3))), outcome.toString());
            List<TelemetryEvent> before = samples(host, outcome.startedAt().minus(Duration.ofMinutes(30)), outcome.startedAt());
            Instant lateSigns = signs.plusMillis(Duration.between(signs, failedAt).toMillis() * 3 / 4);
            List<TelemetryEvent> late = samples(host, lateSigns, failedAt);
            assertTrue(late.stream().allMatch(event -> outcome.deploymentId().equals(event.getDeploymentId())));
            assertTrue(median(late, TelemetryEvent::getErrorRate) > median(before, TelemetryEvent::getErrorRate) + 0.1, outcome.toString());
            assertTrue(median(late, TelemetryEvent::getLatencyMs) > 1.5 * median(before, TelemetryEvent::getLatencyMs), outcome.toString());
            assertTrue(median(late, TelemetryEvent::getMemoryUtilization) > median(before, TelemetryEvent::getMemoryUtilization) + 0.1);
        }
    }

    @Test
    void shouldGiveNoWarningBeforeSilentFailures() {
        List<DeploymentOutcome> silent = simulation.groundTruth().failures().stream()
                .filter(outcome -> !outcome.hadWarningSigns()).toList();
        assertFalse(silent.isEmpty());
        for (DeploymentOutcome outcome : silent) {
            List<TelemetryEvent> lastMinutes = samples(outcome.failedHostId(), outcome.endedAt().minus(Duration.ofMinutes(3)), outcome.endedAt());
            assertTrue(median(lastMinutes, TelemetryEvent::getErrorRate) < 0.05, outcome.toString());
        }
    }

    @Test
    void shouldEndEachDeploymentWithTheOutcomeTheGroundTruthRecords() {
        Map<String, List<DeploymentEvent>> byDeployment = deployments.stream()
                .collect(Collectors.groupingBy(DeploymentEvent::getDeploymentId));
        for (DeploymentOutcome outcome : simulation.groundTruth().outcomes()) {
            List<DeploymentEvent> events = byDeployment.get(outcome.deploymentId());
            DeploymentEvent last = events.get(events.size() - 1);
            assertInstanceOf(DeploymentStarted.class, events.get(0).getPayload());
            assertEquals("prod", ((DeploymentStarted) events.get(0).getPayload()).getEnvironment(),
                    "the guardian finds the dependents in the environment's service graph");
            assertEquals(outcome.endedAt(), last.getTimestamp());
            boolean stepFailed = events.stream().anyMatch(event ->
                    event.getPayload() instanceof HostStepCompleted step && !step.getSucceeded());
            assertEquals(outcome.failed(), stepFailed);
            if (outcome.failed()) {
                assertEquals(outcome.failedHostId(), ((DeploymentFailed) last.getPayload()).getHostId());
            } else {
                assertInstanceOf(DeploymentCompleted.class, last.getPayload());
            }
        }
    }

    @Test
    void shouldApplyEveryResourceKindWithSafeAndUnsafeVariants() {
        Map<String, DeploymentStarted> started = new HashMap<>();
        deployments.stream().filter(event -> event.getPayload() instanceof DeploymentStarted)
                .forEach(event -> started.put(event.getDeploymentId(), (DeploymentStarted) event.getPayload()));
        Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
        Set<DbChangeKind> dbChanges = EnumSet.noneOf(DbChangeKind.class);
        Set<SchemaCompatibilityType> schemaChanges = EnumSet.noneOf(SchemaCompatibilityType.class);
        Set<Boolean> configKeyKnown = new HashSet<>();
        Set<Boolean> migrationRunsOnOldVersion = new HashSet<>();
        for (DeploymentEvent event : deployments) {
            if (!(event.getPayload() instanceof ResourceApplied applied)) {
                continue;
            }
            DeployedResource resource = applied.getResource();
            DeploymentStarted start = started.get(event.getDeploymentId());
            kinds.add(resource.getKind());
            switch (resource.getKind()) {
                case DB_SCHEMA -> dbChanges.add(resource.getDbChange());
                case AVRO_SCHEMA -> schemaChanges.add(rollbackCompatibility(resource));
                case CONFIG_KEY -> configKeyKnown.add(start.getKnownConfigKeys().contains(resource.getConfigKey()));
                case DATA_MIGRATION -> migrationRunsOnOldVersion.add(resource.getMinAppVersion().equals(start.getFromVersion()));
                default -> assertEquals(start.getToVersion(), resource.getVersion());
            }
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(ResourceKind.OTHER)), kinds);
        assertEquals(EnumSet.allOf(DbChangeKind.class), dbChanges);
        assertEquals(EnumSet.of(SchemaCompatibilityType.COMPATIBLE, SchemaCompatibilityType.INCOMPATIBLE), schemaChanges);
        assertEquals(Set.of(true, false), configKeyKnown);
        assertEquals(Set.of(true, false), migrationRunsOnOldVersion);
    }

    @Test
    void shouldFailToApplySomeResourcesOfFailingDeploymentsOnlyAndNeverTheirArtifact() {
        Set<String> failedDeployments = simulation.groundTruth().failures().stream()
                .map(DeploymentOutcome::deploymentId).collect(Collectors.toSet());
        List<DeploymentEvent> notApplied = deployments.stream()
                .filter(event -> event.getPayload() instanceof ResourceApplied applied && !applied.getSucceeded()).toList();

        assertFalse(notApplied.isEmpty(), "no resource failed to apply");
        for (DeploymentEvent event : notApplied) {
            ResourceApplied applied = (ResourceApplied) event.getPayload();
            assertTrue(failedDeployments.contains(event.getDeploymentId()), event.getDeploymentId() + " succeeded");
            assertTrue(applied.getResource().getKind() != ResourceKind.ARTIFACT, "artifact failed to apply");
            assertFalse(applied.getDetail().isBlank(), "no reason given");
        }
    }

    @Test
    void shouldFailNothingAtRateZeroAndEverythingAtRateOne() {
        assertTrue(shortRun(0, 0.25).failures().isEmpty());
        DeploymentGroundTruth allFail = shortRun(1, 0.25);
        assertEquals(allFail.outcomes(), allFail.failures());
        assertTrue(shortRun(1, 1).outcomes().stream().noneMatch(DeploymentOutcome::hadWarningSigns));
    }

    private static DeploymentGroundTruth shortRun(double failureRate, double silentFraction) {
        Simulation run = Simulation.builder().seed(17).start(SimulationTest.START)
                .deploymentFailureRate(failureRate).silentFailureFraction(silentFraction).build();
        run.runFor(Duration.ofHours(8), new RecordingEventSink());
        assertFalse(run.groundTruth().outcomes().isEmpty());
        return run.groundTruth();
    }

    /** Can the version being rolled back to read what the new version wrote? */
    private static SchemaCompatibilityType rollbackCompatibility(DeployedResource resource) {
        Schema previous = new Schema.Parser().parse(resource.getPreviousAvroSchema());
        Schema written = new Schema.Parser().parse(resource.getAvroSchema());
        return SchemaCompatibility.checkReaderWriterCompatibility(previous, written).getType();
    }

    private static List<TelemetryEvent> samples(String host, Instant from, Instant to) {
        return telemetry.stream().filter(event -> event.getHostId().equals(host)
                && !event.getTimestamp().isBefore(from) && event.getTimestamp().isBefore(to)).toList();
    }

    private static double median(List<TelemetryEvent> events, ToDoubleFunction<TelemetryEvent> metric) {
        double[] values = events.stream().mapToDouble(metric).sorted().toArray();
        assertTrue(values.length > 0);
        return values[values.length / 2];
    }
}
