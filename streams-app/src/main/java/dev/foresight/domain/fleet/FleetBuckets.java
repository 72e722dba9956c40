package dev.foresight.domain.fleet;

import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.state.CallerCounts;
import dev.foresight.schema.state.FleetBucket;
import java.util.HashMap;
import java.util.Map;

/** Adds events to the counts of their time bucket; buckets are immutable values, each call returns a new one. */
public final class FleetBuckets {

    private FleetBuckets() {
    }

    public static FleetBucket empty() {
        return FleetBucket.newBuilder().setCallers(Map.of()).build();
    }

    public static FleetBucket add(FleetBucket bucket, RequestMetricEvent request) {
        Map<String, CallerCounts> callers = new HashMap<>(bucket.getCallers());
        CallerCounts before = callers.getOrDefault(request.getCaller(), new CallerCounts(0L, 0L, 0L, 0.0));
        callers.put(request.getCaller(), new CallerCounts(
                before.getRequests() + 1,
                before.getFailures() + (request.getSuccess() ? 0 : 1),
                before.getTokens() + request.getPromptTokens() + request.getCompletionTokens(),
                before.getLatencyMsSum() + request.getLatencyMs()));
        return FleetBucket.newBuilder(bucket).setCallers(callers).build();
    }

    public static FleetBucket add(FleetBucket bucket, FleetHeartbeatEvent heartbeat) {
        return FleetBucket.newBuilder(bucket)
                .setHeartbeats(bucket.getHeartbeats() + 1)
                .setForgeOutages(bucket.getForgeOutages() + (heartbeat.getForgeAvailable() ? 0 : 1))
                .setInferenceFailures(bucket.getInferenceFailures() + (heartbeat.getInferenceHealthy() ? 0 : 1))
                .build();
    }

    /** Start of the bucket that holds {@code timeMs}. */
    public static long startOf(long timeMs, long bucketMs) {
        return Math.floorDiv(timeMs, bucketMs) * bucketMs;
    }
}
