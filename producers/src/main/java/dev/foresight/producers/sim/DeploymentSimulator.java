package dev.foresight.producers.sim;

import dev.foresight.producers.EventSink;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import dev.foresight.schema.events.DeploymentCompleted;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentFailed;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rolling deployments: resources applied, hosts installed one after another (step 1), a bake period,
 * then every host verified (step 2) and the deployment completed. A configurable fraction fails; most
 * failing ones make their hosts show warning signs for a few minutes first, the rest fail abruptly.
 */
final class DeploymentSimulator {

    static final int INSTALL_STEP = 1;
    static final int VERIFY_STEP = 2;
    private static final long RESOURCE_SPACING_MS = Duration.ofSeconds(5).toMillis();
    private static final long BAKE_MS = Duration.ofMinutes(10).toMillis();
    private static final List<String> WARNED_REASONS = List.of("verification failed: error rate above threshold",
            "verification failed: p99 latency above SLO", "verification failed: memory exhausted (OOMKilled)");
    /** Share of a failing attempt's resources (other than its artifact) that the tool could not apply. */
    private static final double APPLY_FAILURE_RATE = 0.2;
    private static final List<String> APPLY_FAILURES = List.of("timed out after 120 s", "lock wait timeout exceeded",
            "rejected by the target: precondition failed", "connection reset by the config service");
    private static final List<String> SILENT_REASONS = List.of("crash loop: container exited with code 139",
            "readiness probe failed: connection refused", "startup failed: missing secret");

    /** One deployment in flight. */
    private record Rollout(String deploymentId, ServiceSpec service, String fromVersion, String toVersion,
                           ResourcePlan plan, long startedMs, long[] installAtMs) {

        List<String> hosts() {
            return service.hostIds();
        }
    }

    private final EventScheduler scheduler;
    private final FleetState fleet;
    private final SimRandom random;
    private final SimRandom applyOutcomes;
    private final SimIds ids;
    private final DeploymentGroundTruth groundTruth;
    private final ResourcePlanner planner;
    private final long meanIntervalMs;
    private final double failureRate;
    private final double silentFailureFraction;
    private final Map<String, ServiceRelease> releases = new HashMap<>();
    private final Set<String> deployingServices = new HashSet<>();

    /**
     * @param applyOutcomes decides which resources of a failing attempt did not apply; a stream of its own, so the
     *                      deployments, hosts and failures drawn from {@code random} are what they were before it
     */
    DeploymentSimulator(EventScheduler scheduler, FleetState fleet, SimRandom random, SimRandom applyOutcomes,
                        SimIds ids, DeploymentGroundTruth groundTruth, SimulationSettings settings) {
        this.scheduler = scheduler;
        this.fleet = fleet;
        this.random = random;
        this.applyOutcomes = applyOutcomes;
        this.ids = ids;
        this.groundTruth = groundTruth;
        this.planner = new ResourcePlanner(random);
        this.meanIntervalMs = settings.meanDeploymentInterval().toMillis();
        this.failureRate = settings.deploymentFailureRate();
        this.silentFailureFraction = settings.silentFailureFraction();
        fleet.layout().services().forEach(service ->
                releases.put(service.serviceId(), new ServiceRelease(service.serviceId())));
    }

    void start() {
        scheduler.after(random.exponentialMillis(meanIntervalMs), (now, sink) -> {
            List<ServiceSpec> idle = fleet.layout().services().stream()
                    .filter(service -> !deployingServices.contains(service.serviceId())).toList();
            if (!idle.isEmpty()) {
                launch(random.pick(idle), now, sink);
            }
            start();
        });
    }

    private void launch(ServiceSpec service, long nowMs, EventSink sink) {
        String from = fleet.serviceVersion(service.serviceId());
        String to = Versions.bump(from, random);
        ServiceRelease release = releases.get(service.serviceId());
        ResourcePlan plan = planner.plan(release, from, to);
        long cursor = nowMs + plan.resources().size() * RESOURCE_SPACING_MS;
        long[] installAt = new long[service.hostIds().size()];
        for (int i = 0; i < installAt.length; i++) {
            cursor += random.millisBetween(35_000, 55_000);
            installAt[i] = cursor;
        }
        Rollout rollout = new Rollout(ids.next("dep"), service, from, to, plan, nowMs, installAt);
        deployingServices.add(service.serviceId());
        fleet.assignDeployment(rollout.hosts(), rollout.deploymentId());
        send(rollout, nowMs, sink, DeploymentStarted.newBuilder()
                .setFromVersion(from).setToVersion(to).setHosts(rollout.hosts())
                .setDependents(fleet.layout().dependentsOf(service.serviceId()))
                .setEnvironment(FleetLayout.ENVIRONMENT)
                .setKnownConfigKeys(release.configKeys()).build());
        boolean fails = random.chance(failureRate);
        for (int i = 0; i < plan.resources().size(); i++) {
            ResourceApplied applied = application(plan.resources().get(i), fails);
            scheduler.at(nowMs + (i + 1) * RESOURCE_SPACING_MS, (now, out) -> send(rollout, now, out, applied));
        }
        if (fails) {
            planFailure(rollout);
        } else {
            planSuccess(rollout);
        }
    }

    /** In an attempt that goes on to fail, some resources fail to apply too; a successful one applied them all. */
    private ResourceApplied application(DeployedResource resource, boolean attemptFails) {
        if (attemptFails && resource.getKind() != ResourceKind.ARTIFACT && applyOutcomes.chance(APPLY_FAILURE_RATE)) {
            return new ResourceApplied(resource, false, applyOutcomes.pick(APPLY_FAILURES));
        }
        return new ResourceApplied(resource, true, "");
    }

    private void planSuccess(Rollout rollout) {
        List<String> hosts = rollout.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            scheduleInstall(rollout, i);
        }
        long verifyAt = rollout.installAtMs()[hosts.size() - 1] + BAKE_MS;
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            scheduler.at(verifyAt + i * 2_000L, (now, sink) -> send(rollout, now, sink,
                    new HostStepCompleted(host, VERIFY_STEP, true, "verified")));
        }
        scheduler.at(verifyAt + hosts.size() * 2_000L, (now, sink) -> {
            send(rollout, now, sink, new DeploymentCompleted(true));
            releases.get(rollout.service().serviceId()).adopt(rollout.plan());
            fleet.releaseServiceVersion(rollout.service().serviceId(), rollout.toVersion());
            finish(rollout, now, null, "completed", Map.of());
        });
    }

    /**
     * A warned failure starts on the first installed host, spreads to some later ones, and fails a few
     * minutes after the first signs; a silent one fails abruptly on a random installed host.
     */
    private void planFailure(Rollout rollout) {
        List<String> hosts = rollout.hosts();
        long[] installAt = rollout.installAtMs();
        boolean warned = !random.chance(silentFailureFraction);
        int failingIndex = warned ? 0 : random.intBetween(0, hosts.size() - 1);
        Map<String, Instant> warningStarts = new LinkedHashMap<>();
        long failAt;
        if (warned) {
            long firstSigns = installAt[0] + random.millisBetween(30_000, 90_000);
            failAt = firstSigns + random.millisBetween(Duration.ofMinutes(3).toMillis(), Duration.ofMinutes(8).toMillis());
            warningStarts.put(hosts.get(0), Instant.ofEpochMilli(firstSigns));
            for (int i = 1; i < hosts.size(); i++) {
                long signs = installAt[i] + random.millisBetween(30_000, 90_000);
                if (signs < failAt - 60_000 && random.chance(0.5)) {
                    warningStarts.put(hosts.get(i), Instant.ofEpochMilli(signs));
                }
            }
        } else {
            failAt = installAt[failingIndex] + random.millisBetween(60_000, Duration.ofMinutes(6).toMillis());
        }
        for (int i = 0; i < hosts.size() && installAt[i] < failAt; i++) {
            scheduleInstall(rollout, i);
        }
        warningStarts.forEach((host, start) -> fleet.startWarning(host, start.toEpochMilli(), failAt));
        String failingHost = hosts.get(failingIndex);
        String reason = random.pick(warned ? WARNED_REASONS : SILENT_REASONS);
        scheduler.at(failAt, (now, sink) -> {
            send(rollout, now, sink, new HostStepCompleted(failingHost, VERIFY_STEP, false, reason));
            send(rollout, now, sink, new DeploymentFailed(reason, failingHost));
            hosts.forEach(host -> fleet.setHostVersion(host, rollout.fromVersion()));
            finish(rollout, now, failingHost, reason, warningStarts);
        });
    }

    private void scheduleInstall(Rollout rollout, int hostIndex) {
        String host = rollout.hosts().get(hostIndex);
        scheduler.at(rollout.installAtMs()[hostIndex], (now, sink) -> {
            fleet.setHostVersion(host, rollout.toVersion());
            send(rollout, now, sink, new HostStepCompleted(host, INSTALL_STEP, true, "installed " + rollout.toVersion()));
        });
    }

    private void finish(Rollout rollout, long nowMs, String failedHost, String reason, Map<String, Instant> warnings) {
        fleet.releaseDeployment(rollout.hosts());
        deployingServices.remove(rollout.service().serviceId());
        groundTruth.record(new DeploymentOutcome(rollout.deploymentId(), rollout.service().serviceId(),
                rollout.fromVersion(), rollout.toVersion(), rollout.hosts(), Instant.ofEpochMilli(rollout.startedMs()),
                Instant.ofEpochMilli(nowMs), failedHost != null, failedHost, reason, warnings));
    }

    private void send(Rollout rollout, long nowMs, EventSink sink, Object payload) {
        sink.send(Topics.DEPLOYMENTS, rollout.deploymentId(), DeploymentEvent.newBuilder()
                .setEventId(ids.nextEventId())
                .setDeploymentId(rollout.deploymentId())
                .setServiceId(rollout.service().serviceId())
                .setTimestamp(Instant.ofEpochMilli(nowMs))
                .setPayload(payload)
                .build(), nowMs);
    }
}
