package dev.foresight.domain.telemetry;

import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.AggregateScope;
import dev.foresight.schema.state.MetricStats;
import dev.foresight.schema.state.TelemetryAggregate;
import java.time.Instant;

/** Folds telemetry samples into per-window statistics (sum, sum of squares, min, max per metric). */
public final class TelemetryStats {

    private TelemetryStats() {
    }

    public static TelemetryAggregate empty(AggregateScope scope) {
        return TelemetryAggregate.newBuilder()
                .setScope(scope).setId("").setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH).setCount(0)
                .setCpu(emptyStats()).setMemory(emptyStats()).setNetwork(emptyStats()).setLatency(emptyStats())
                .setRequestRate(emptyStats()).setErrorRate(emptyStats())
                .build();
    }

    public static TelemetryAggregate add(String id, TelemetryEvent event, TelemetryAggregate agg) {
        agg.setId(id);
        agg.setCount(agg.getCount() + 1);
        add(agg.getCpu(), event.getCpuUtilization());
        add(agg.getMemory(), event.getMemoryUtilization());
        add(agg.getNetwork(), event.getNetworkMbps());
        add(agg.getLatency(), event.getLatencyMs());
        add(agg.getRequestRate(), event.getRequestRate());
        add(agg.getErrorRate(), event.getErrorRate());
        return agg;
    }

    public static double mean(MetricStats stats, long count) {
        return count == 0 ? 0 : stats.getSum() / count;
    }

    public static double stdDev(MetricStats stats, long count) {
        if (count < 2) {
            return 0;
        }
        double mean = stats.getSum() / count;
        return Math.sqrt(Math.max(0, stats.getSumSquares() / count - mean * mean));
    }

    private static MetricStats emptyStats() {
        return new MetricStats(0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    private static void add(MetricStats stats, double value) {
        stats.setSum(stats.getSum() + value);
        stats.setSumSquares(stats.getSumSquares() + value * value);
        stats.setMin(Math.min(stats.getMin(), value));
        stats.setMax(Math.max(stats.getMax(), value));
    }
}
