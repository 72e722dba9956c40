package dev.foresight.producers.sim;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What the simulators tell each other while running: which version each host runs, which deployment is
 * touching it, and whether it is showing the warning signs of a deployment about to fail.
 */
final class FleetState {

    /** Warning signs on a host grow from {@code startMs} until the deployment fails at {@code failAtMs}. */
    private record Warning(long startMs, long failAtMs) {
    }

    private final FleetLayout layout;
    private final Map<String, String> versionByService = new HashMap<>();
    private final Map<String, String> versionByHost = new HashMap<>();
    private final Map<String, String> deploymentByHost = new HashMap<>();
    private final Map<String, Warning> warningByHost = new HashMap<>();

    FleetState(FleetLayout layout, SimRandom random) {
        this.layout = layout;
        for (ServiceSpec service : layout.services()) {
            String version = "1." + random.intBetween(0, 9) + "." + random.intBetween(0, 20);
            versionByService.put(service.serviceId(), version);
            service.hostIds().forEach(host -> versionByHost.put(host, version));
        }
    }

    FleetLayout layout() {
        return layout;
    }

    String serviceVersion(String serviceId) {
        return versionByService.get(serviceId);
    }

    void releaseServiceVersion(String serviceId, String version) {
        versionByService.put(serviceId, version);
    }

    String hostVersion(String hostId) {
        return versionByHost.get(hostId);
    }

    void setHostVersion(String hostId, String version) {
        versionByHost.put(hostId, version);
    }

    /** The deployment running on the host, or null. */
    String deploymentOn(String hostId) {
        return deploymentByHost.get(hostId);
    }

    void assignDeployment(Collection<String> hostIds, String deploymentId) {
        hostIds.forEach(host -> deploymentByHost.put(host, deploymentId));
    }

    void releaseDeployment(Collection<String> hostIds) {
        hostIds.forEach(deploymentByHost::remove);
        hostIds.forEach(warningByHost::remove);
    }

    void startWarning(String hostId, long startMs, long failAtMs) {
        warningByHost.put(hostId, new Warning(startMs, failAtMs));
    }

    /**
     * How strongly the host shows warning signs, 0 (none) to 1 (about to fail). Rises slowly at first,
     * so the earliest signs hide in the noise as they do on real hosts.
     */
    double warningIntensity(String hostId, long nowMs) {
        Warning warning = warningByHost.get(hostId);
        if (warning == null || nowMs < warning.startMs()) {
            return 0;
        }
        double progress = (double) (nowMs - warning.startMs()) / Math.max(1, warning.failAtMs() - warning.startMs());
        return Math.pow(SimRandom.clamp(progress, 0, 1), 1.5);
    }
}
