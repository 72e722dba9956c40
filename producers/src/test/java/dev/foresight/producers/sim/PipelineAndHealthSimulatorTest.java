package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.VulnerabilityReported;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.util.List;
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
