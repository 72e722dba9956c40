package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.BuildStarted;
import dev.foresight.schema.events.CommitPushed;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.Severity;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.UpstreamReleased;
import dev.foresight.schema.events.VulnerabilityReported;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CI per service: commits trigger builds whose duration and failure odds grow with the size of the
 * change (and a red build tends to be followed by another); green builds run the tests, which are
 * occasionally flaky; vulnerability advisories arrive now and then, and when one names a fixed version the
 * dependency's release follows within hours. Every build is announced when it starts, with what is known
 * then (the size of the change, whether the previous build failed), so its risk can be scored before it ends.
 */
final class PipelineSimulator {

    private static final long MEAN_COMMIT_INTERVAL_MS = Duration.ofMinutes(45).toMillis();
    private static final long MEAN_ADVISORY_INTERVAL_MS = Duration.ofHours(36).toMillis();
    private static final long MEAN_FIX_RELEASE_DELAY_MS = Duration.ofHours(6).toMillis();
    private static final List<String> DEPENDENCIES = List.of("org.apache.logging.log4j:log4j-core",
            "com.fasterxml.jackson.core:jackson-databind", "io.netty:netty-codec-http", "org.yaml:snakeyaml",
            "org.postgresql:postgresql", "com.google.protobuf:protobuf-java");
    private static final List<Severity> SEVERITIES =
            List.of(Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);

    /** CI history of one service. */
    private static final class History {
        int builds;
        int testCount;
        boolean lastBuildFailed;

        History(int testCount) {
            this.testCount = testCount;
        }
    }

    private final EventScheduler scheduler;
    private final FleetLayout layout;
    private final SimRandom random;
    private final SimIds ids;
    private final Map<String, History> historyByService = new HashMap<>();

    PipelineSimulator(EventScheduler scheduler, FleetLayout layout, SimRandom random, SimIds ids) {
        this.scheduler = scheduler;
        this.layout = layout;
        this.random = random;
        this.ids = ids;
    }

    void start() {
        for (ServiceSpec service : layout.services()) {
            historyByService.put(service.serviceId(), new History(random.intBetween(200, 3_000)));
            scheduleCommit(service.serviceId());
            scheduleAdvisory(service.serviceId());
        }
    }

    private void scheduleCommit(String serviceId) {
        scheduler.after(random.exponentialMillis(MEAN_COMMIT_INTERVAL_MS), (now, sink) -> {
            commit(serviceId, now, sink);
            scheduleCommit(serviceId);
        });
    }

    private void commit(String serviceId, long nowMs, EventSink sink) {
        History history = historyByService.get(serviceId);
        int filesChanged = 1 + (int) random.logNormal(3, 1);
        int linesChanged = (int) Math.round(filesChanged * random.logNormal(25, 0.8));
        send(serviceId, nowMs, sink, new CommitPushed(random.hex(40), filesChanged));
        long buildMs = Math.round(random.logNormal(360_000 * (1 + filesChanged / 50.0), 0.3));
        double failureOdds = Math.min(0.6, 0.05 + 0.012 * filesChanged + (history.lastBuildFailed ? 0.2 : 0));
        boolean succeeded = !random.chance(failureOdds);
        Map<String, Double> features = Map.of(
                "filesChanged", (double) filesChanged,
                "linesChanged", (double) linesChanged,
                "hourOfDay", (double) Instant.ofEpochMilli(nowMs).atZone(ZoneOffset.UTC).getHour(),
                "previousBuildFailed", history.lastBuildFailed ? 1.0 : 0.0);
        String buildId = serviceId + "-build-" + (++history.builds);
        send(serviceId, nowMs, sink, new BuildStarted(buildId, features));
        history.lastBuildFailed = !succeeded;
        history.testCount += random.intBetween(0, 3);
        int testsRun = history.testCount;
        scheduler.at(nowMs + buildMs, (end, out) -> {
            send(serviceId, end, out, new BuildFinished(buildId, buildMs, succeeded, features));
            if (succeeded) {
                long testMs = Math.round(random.logNormal(testsRun * 150.0, 0.2));
                int failed = random.chance(0.08) ? random.intBetween(1, 3) : 0;
                scheduler.at(end + testMs, (done, last) -> send(serviceId, done, last,
                        new TestRunFinished(buildId + "-tests", testMs, testsRun, failed)));
            }
        });
    }

    private void scheduleAdvisory(String serviceId) {
        scheduler.after(random.exponentialMillis(MEAN_ADVISORY_INTERVAL_MS), (now, sink) -> {
            String fixedVersion = random.chance(0.7) ? random.intBetween(2, 6) + "." + random.intBetween(0, 20) + ".1" : null;
            String dependency = random.pick(DEPENDENCIES);
            send(serviceId, now, sink, new VulnerabilityReported(dependency, random.pick(SEVERITIES),
                    "GHSA-" + random.hex(4) + "-" + random.hex(4) + "-" + random.hex(4), fixedVersion));
            if (fixedVersion != null) {
                scheduler.at(now + random.exponentialMillis(MEAN_FIX_RELEASE_DELAY_MS), (released, out) ->
                        send(serviceId, released, out, new UpstreamReleased(dependency, fixedVersion, 1)));
            }
            scheduleAdvisory(serviceId);
        });
    }

    private void send(String serviceId, long nowMs, EventSink sink, Object payload) {
        sink.send(Topics.PIPELINES, serviceId, PipelineEvent.newBuilder()
                .setEventId(ids.nextEventId())
                .setServiceId(serviceId)
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setPayload(payload)
                .build(), nowMs);
    }
}
