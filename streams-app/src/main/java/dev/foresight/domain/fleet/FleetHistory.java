package dev.foresight.domain.fleet;

import dev.foresight.predict.demand.RateForecasterFactory;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.state.FleetBucket;
import dev.foresight.schema.state.FleetDemandState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The demand posture of recorded events, in memory: the same tracker as the stream processor, fed in
 * time order, for reports from files and for evaluations.
 */
public final class FleetHistory {

    private final FleetSettings settings;
    private final FleetDemandTracker tracker;
    private final MemoryBuckets buckets = new MemoryBuckets();
    private final Map<String, FleetDemandState> states = new HashMap<>();
    private final Map<String, Long> lastSeen = new HashMap<>();
    private final List<FleetDemandTracker.Outcome> outcomes = new ArrayList<>();

    public FleetHistory(FleetSettings settings, RateForecasterFactory forecasters) {
        this.settings = settings;
        this.tracker = new FleetDemandTracker(settings, forecasters);
    }

    public void accept(RequestMetricEvent request) {
        record(request.getFleetId(), request.getTimestamp().toEpochMilli(), b -> FleetBuckets.add(b, request));
    }

    public void accept(FleetHeartbeatEvent heartbeat) {
        record(heartbeat.getFleetId(), heartbeat.getTimestamp().toEpochMilli(), b -> FleetBuckets.add(b, heartbeat));
    }

    private void record(String fleetId, long timeMs, UnaryOperator<FleetBucket> addition) {
        FleetDemandTracker.Result result = tracker.record(fleetId, timeMs, addition, states.get(fleetId), buckets);
        states.put(fleetId, result.state());
        outcomes.addAll(result.outcomes());
        lastSeen.merge(fleetId, timeMs, Math::max);
    }

    /** Makes the reports still waiting for their grace, up to each fleet's last event. */
    public void finish() {
        lastSeen.forEach((fleetId, last) -> {
            FleetDemandTracker.Result result = tracker.advanceTo(fleetId, last + settings.grace().toMillis(),
                    states.get(fleetId), buckets);
            states.put(fleetId, result.state());
            outcomes.addAll(result.outcomes());
        });
    }

    public List<FleetDemandTracker.Outcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public List<DemandReport> reports() {
        return outcomes.stream().map(FleetDemandTracker.Outcome::report).toList();
    }

    /** Buckets in sorted maps; nothing expires, a recorded trace is finite. */
    private static final class MemoryBuckets implements FleetDemandTracker.BucketStore {

        private final Map<String, NavigableMap<Long, FleetBucket>> byFleet = new HashMap<>();

        @Override
        public FleetBucket get(String fleetId, long bucketStart) {
            return byFleet.getOrDefault(fleetId, new TreeMap<>()).get(bucketStart);
        }

        @Override
        public void put(String fleetId, long bucketStart, FleetBucket bucket) {
            byFleet.computeIfAbsent(fleetId, id -> new TreeMap<>()).put(bucketStart, bucket);
        }

        @Override
        public List<FleetBucket> range(String fleetId, long fromMs, long toMs) {
            return List.copyOf(byFleet.getOrDefault(fleetId, new TreeMap<>()).subMap(fromMs, true, toMs, false).values());
        }
    }
}
