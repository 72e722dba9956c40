package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.BuildStarted;
import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.UpstreamReleased;
import dev.foresight.schema.events.VulnerabilityReported;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PipelineAndHealthSimulatorTest {

    private static Simulation simulation;
    private static RecordingEventSink sink;

    @BeforeAll
    static void runTwoDays() {
        simulation = Simulation.builder().seed(41).start(SimulationTest.START).build();
        sink = new RecordingEventSink();
        simulation.runFor(Duration.ofDays(2), sink);
    }

    private static <T> List<T> payloads(Class<T> type) {
        return sink.values(Topics.PIPELINES).stream().map(PipelineEvent::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void shouldFollowCommitsWithBuildsAndGreenBuildsWithTests() {
        List<BuildFinished> builds = payloads(BuildFinished.class);
        long green = builds.stream().filter(BuildFinished::getSucceeded).count();

        assertTrue(builds.size() <= payloads(CommitPushed.class).size() && builds.size() > 50);
        assertTrue(green > builds.size() / 2 && green < builds.size(), green + " green of " + builds.size());
        assertTrue(payloads(TestRunFinished.class).size() <= green);
        assertTrue(payloads(TestRunFinished.class).stream().allMatch(run -> run.getTestsFailed() <= run.getTestsRun()));
        assertTrue(builds.stream().allMatch(build -> build.getDurationMs() > 0 && build.getFeatures().containsKey("filesChanged")));
        assertFalse(payloads(VulnerabilityReported.class).isEmpty());
    }

    @Test
    void shouldAnnounceEveryBuildBeforeItFinishesWithWhatIsKnownAtItsStart() {
        List<PipelineEvent> events = sink.values(Topics.PIPELINES);
        Map<String, Long> startedAt = new HashMap<>();
        for (PipelineEvent event : events) {
            if (event.getPayload() instanceof BuildStarted started) {
                assertTrue(started.getFeatures().containsKey("filesChanged"));
                startedAt.put(started.getBuildId(), event.getTimestamp().toEpochMilli());
            } else if (event.getPayload() instanceof BuildFinished finished) {
                Long start = startedAt.get(finished.getBuildId());
                assertTrue(start != null && start < event.getTimestamp().toEpochMilli(), finished.getBuildId());
            }
        }
    }

    @Test
    void shouldReleaseTheFixedVersionOfADependencyAfterItsAdvisory() {
        List<UpstreamReleased> releases = payloads(UpstreamReleased.class);
        List<VulnerabilityReported> advisories = payloads(VulnerabilityReported.class);

        assertFalse(releases.isEmpty(), "a two-day run has releases of fixed versions");
        assertTrue(releases.stream().allMatch(release -> advisories.stream().anyMatch(advisory ->
                advisory.getDependency().equals(release.getDependency())
                        && release.getVersion().equals(advisory.getFixedVersion()))));
    }

    @Test
    void shouldProbeEveryInstanceWithItsServiceDependenciesAndVersion() {
        List<HealthCheckEvent> probes = sink.values(Topics.HEALTH);
        for (HealthCheckEvent probe : probes) {
            ServiceSpec service = simulation.fleet().service(probe.getServiceId());
            assertTrue(service.hostIds().contains(probe.getInstanceId()));
            assertEquals(service.dependsOn(), probe.getDependsOn());
            assertTrue(probe.getVersion().matches("\\d+\\.\\d+\\.\\d+"));
            assertTrue(probe.getLatencyMs() > 0);
        }
        long unhealthy = probes.stream().filter(probe -> !probe.getHealthy()).count();
        assertTrue(unhealthy > 0 && unhealthy < probes.size() * 0.05, unhealthy + " unhealthy of " + probes.size());
    }
}
