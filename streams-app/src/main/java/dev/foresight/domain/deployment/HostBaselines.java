package dev.foresight.domain.deployment;

import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.HostBaseline;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A host's baseline as time-weighted moving means: each sample pulls the means by
 * {@code 1 - exp(-gap / timeConstant)}, and by at least {@code 1 / samples} so the first samples
 * average evenly instead of the first one dominating.
 */
public final class HostBaselines {

    private HostBaselines() {
    }

    public static HostBaseline fold(HostBaseline baseline, TelemetryEvent sample, Duration timeConstant) {
        if (baseline == null) {
            return HostBaseline.newBuilder()
                    .setHostId(sample.getHostId()).setUpdatedAt(sample.getTimestamp()).setSamples(1)
                    .setCpu(sample.getCpuUtilization()).setMemory(sample.getMemoryUtilization())
                    .setLatencyMs(sample.getLatencyMs()).setErrorRate(sample.getErrorRate())
                    .setRequestRate(sample.getRequestRate()).setKpis(new HashMap<>(sample.getKpis()))
                    .build();
        }
        long gapMs = Math.max(0, sample.getTimestamp().toEpochMilli() - baseline.getUpdatedAt().toEpochMilli());
        long samples = baseline.getSamples() + 1;
        double a = Math.max(1 - Math.exp(-(double) gapMs / timeConstant.toMillis()), 1.0 / samples);
        baseline.setSamples(samples);
        baseline.setUpdatedAt(sample.getTimestamp());
        baseline.setCpu(pull(baseline.getCpu(), sample.getCpuUtilization(), a));
        baseline.setMemory(pull(baseline.getMemory(), sample.getMemoryUtilization(), a));
        baseline.setLatencyMs(pull(baseline.getLatencyMs(), sample.getLatencyMs(), a));
        baseline.setErrorRate(pull(baseline.getErrorRate(), sample.getErrorRate(), a));
        baseline.setRequestRate(pull(baseline.getRequestRate(), sample.getRequestRate(), a));
        Map<String, Double> kpis = new HashMap<>(baseline.getKpis());
        sample.getKpis().forEach((name, value) -> kpis.merge(name, value, (old, v) -> pull(old, v, a)));
        baseline.setKpis(kpis);
        return baseline;
    }

    static HostFeatures.Window means(HostBaseline baseline) {
        return new HostFeatures.Window(baseline.getCpu(), baseline.getCpu(), baseline.getMemory(),
                baseline.getLatencyMs(), baseline.getErrorRate(), baseline.getRequestRate(), baseline.getKpis());
    }

    private static double pull(double mean, double value, double a) {
        return mean + a * (value - mean);
    }
}
