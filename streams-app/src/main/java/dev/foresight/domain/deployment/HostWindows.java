package dev.foresight.domain.deployment;

import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.HostRiskState;
import dev.foresight.schema.state.HostWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Short tumbling windows of one host's samples during a deployment, aligned to the epoch. A sample
 * that opens a new window closes the previous one, which is then scored; a sample older than the open
 * window still counts in it (samples are seconds apart, windows minutes).
 */
final class HostWindows {

    private HostWindows() {
    }

    /** @return the window this sample closed, if it opened a new one */
    static Optional<HostWindow> add(HostRiskState host, TelemetryEvent sample, Duration length, int trendWindows) {
        long at = sample.getTimestamp().toEpochMilli();
        Instant start = Instant.ofEpochMilli(at - Math.floorMod(at, length.toMillis()));
        HostWindow open = host.getWindow();
        Optional<HostWindow> closed = Optional.empty();
        if (open == null || start.isAfter(open.getStart())) {
            if (open != null) {
                closed = Optional.of(open);
                remember(host, open.getMemorySum() / open.getCount(), trendWindows);
            }
            open = new HostWindow(start, 0L, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, new HashMap<>());
            host.setWindow(open);
        }
        open.setCount(open.getCount() + 1);
        open.setCpuSum(open.getCpuSum() + sample.getCpuUtilization());
        open.setCpuMax(Math.max(open.getCpuMax(), sample.getCpuUtilization()));
        open.setMemorySum(open.getMemorySum() + sample.getMemoryUtilization());
        open.setLatencySum(open.getLatencySum() + sample.getLatencyMs());
        open.setErrorSum(open.getErrorSum() + sample.getErrorRate());
        open.setRequestSum(open.getRequestSum() + sample.getRequestRate());
        Map<String, Double> kpis = new HashMap<>(open.getKpiSums());
        sample.getKpis().forEach((name, value) -> kpis.merge(name, value, Double::sum));
        open.setKpiSums(kpis);
        return closed;
    }

    static HostFeatures.Window means(HostWindow window) {
        double n = window.getCount();
        Map<String, Double> kpis = new HashMap<>();
        window.getKpiSums().forEach((name, sum) -> kpis.put(name, sum / n));
        return new HostFeatures.Window(window.getCpuSum() / n, window.getCpuMax(), window.getMemorySum() / n,
                window.getLatencySum() / n, window.getErrorSum() / n, window.getRequestSum() / n, kpis);
    }

    /** Stands in for a missing baseline: the host's first window of the deployment. */
    static HostBaseline asBaseline(String hostId, HostWindow window) {
        HostFeatures.Window means = means(window);
        return HostBaseline.newBuilder()
                .setHostId(hostId).setUpdatedAt(window.getStart()).setSamples(window.getCount())
                .setCpu(means.cpuMean()).setMemory(means.memoryMean()).setLatencyMs(means.latencyMs())
                .setErrorRate(means.errorRate()).setRequestRate(means.requestRate()).setKpis(means.kpis())
                .build();
    }

    private static void remember(HostRiskState host, double memoryMean, int trendWindows) {
        List<Double> means = new ArrayList<>(host.getMemoryMeans());
        means.add(memoryMean);
        host.setMemoryMeans(new ArrayList<>(means.subList(Math.max(0, means.size() - trendWindows), means.size())));
    }
}
