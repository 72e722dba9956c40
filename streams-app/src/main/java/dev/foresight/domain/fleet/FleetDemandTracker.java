package dev.foresight.domain.fleet;

import dev.foresight.predict.demand.RateForecaster;
import dev.foresight.predict.demand.RateForecasterFactory;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.DemandLevel;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.schema.state.FleetBucket;
import dev.foresight.schema.state.FleetDemandState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Follows one fleet in event time: counts each event in its bucket and, whenever event time has passed
 * a report time (every {@code advance}, plus {@code grace} for stragglers), compares the recent window
 * ending there with the baseline before it, steps the forecaster and decides posture and commands.
 * Storage is the caller's: a state store in the stream processor, a map when reading files. A baseline
 * never reaches back before the fleet's first event, so a new fleet is compared with what it has shown,
 * and not found surging against an empty past.
 */
public final class FleetDemandTracker {

    /** Buckets of counts by fleet and bucket start. */
    public interface BucketStore {

        FleetBucket get(String fleetId, long bucketStart);

        void put(String fleetId, long bucketStart, FleetBucket bucket);

        /** Buckets whose start is in {@code [fromMs, toMs)}. */
        List<FleetBucket> range(String fleetId, long fromMs, long toMs);
    }

    /** One report time's output. */
    public record Outcome(DemandReport report, List<AllocationCommand> commands) {
    }

    /** The fleet's state after an event, and the reports that became due. */
    public record Result(FleetDemandState state, List<Outcome> outcomes) {
    }

    private final FleetSettings settings;
    private final RateForecasterFactory forecasters;
    private final DemandAssessor assessor;
    private final FleetCommands commands;

    public FleetDemandTracker(FleetSettings settings, RateForecasterFactory forecasters) {
        this.settings = settings;
        this.forecasters = forecasters;
        this.assessor = new DemandAssessor(settings);
        this.commands = new FleetCommands(settings);
    }

    /** Counts an event and runs the report times it makes due. {@code state} is null for a new fleet. */
    public Result record(String fleetId, long timeMs, UnaryOperator<FleetBucket> addition, FleetDemandState state,
                         BucketStore store) {
        long bucketStart = FleetBuckets.startOf(timeMs, settings.bucket().toMillis());
        FleetBucket before = store.get(fleetId, bucketStart);
        store.put(fleetId, bucketStart, addition.apply(before == null ? FleetBuckets.empty() : before));
        return advanceTo(fleetId, timeMs, state, store);
    }

    /** Runs every report time that event time {@code timeMs} has passed. */
    public Result advanceTo(String fleetId, long timeMs, FleetDemandState state, BucketStore store) {
        long advance = settings.advance().toMillis();
        long due = timeMs - settings.grace().toMillis();
        FleetDemandState current = state != null ? state
                : fresh(fleetId, FleetBuckets.startOf(timeMs, settings.bucket().toMillis()),
                        FleetBuckets.startOf(timeMs, advance) + advance);
        RateForecaster forecaster = forecasters.restore(bytes(current));
        List<Outcome> outcomes = new ArrayList<>();
        while (current.getNextReportAt().toEpochMilli() <= due && outcomes.size() < settings.maxCatchUpReports()) {
            long at = current.getNextReportAt().toEpochMilli();
            Tick tick = tick(fleetId, at, current, forecaster, store);
            outcomes.add(tick.outcome());
            current = tick.next();
        }
        if (current.getNextReportAt().toEpochMilli() <= due) {
            current = FleetDemandState.newBuilder(current)
                    .setNextReportAt(Instant.ofEpochMilli(FleetBuckets.startOf(due, advance) + advance)).build();
        }
        if (!outcomes.isEmpty()) {
            current = FleetDemandState.newBuilder(current).setForecaster(ByteBuffer.wrap(forecaster.checkpoint())).build();
        }
        return new Result(current, outcomes);
    }

    private record Tick(Outcome outcome, FleetDemandState next) {
    }

    private Tick tick(String fleetId, long at, FleetDemandState state, RateForecaster forecaster, BucketStore store) {
        long recentStart = at - settings.recentWindow().toMillis();
        FleetWindow recent = window(store, fleetId, recentStart, at);
        long baselineStart = recentStart - settings.baselineWindow().toMillis();
        if (state.getFirstSeenAt() != null) {
            baselineStart = Math.min(recentStart, Math.max(baselineStart, state.getFirstSeenAt().toEpochMilli()));
        }
        FleetWindow baseline = window(store, fleetId, baselineStart, recentStart);
        forecaster.observe(at, window(store, fleetId, at - settings.advance().toMillis(), at).requestRate());
        DemandAssessment assessment = assessor.assess(fleetId, at, recent, baseline, forecaster.forecast(at),
                held(state));
        FleetCommands.Issued issued = commands.issue(assessment, state.getPrewarmedUntil() == null ? null
                : state.getPrewarmedUntil().toEpochMilli(), state.getThrottledUntil());
        FleetDemandState next = FleetDemandState.newBuilder(state)
                .setNextReportAt(Instant.ofEpochMilli(at + settings.advance().toMillis()))
                .setHeldLevel(assessment.held().level().name())
                .setReportsBelow(assessment.held().reportsBelow())
                .setPrewarmedUntil(issued.prewarmedUntil() == null ? null : Instant.ofEpochMilli(issued.prewarmedUntil()))
                .setThrottledUntil(issued.throttledUntil())
                .build();
        return new Tick(new Outcome(DemandReports.of(assessment, settings), issued.commands()), next);
    }

    private FleetWindow window(BucketStore store, String fleetId, long fromMs, long toMs) {
        return FleetWindow.of(Duration.ofMillis(toMs - fromMs), store.range(fleetId, fromMs, toMs));
    }

    private static LevelHysteresis.Held held(FleetDemandState state) {
        return state.getHeldLevel() == null ? null
                : new LevelHysteresis.Held(DemandLevel.valueOf(state.getHeldLevel()), state.getReportsBelow());
    }

    private static FleetDemandState fresh(String fleetId, long firstSeenAt, long firstReportAt) {
        return FleetDemandState.newBuilder().setFleetId(fleetId).setFirstSeenAt(Instant.ofEpochMilli(firstSeenAt))
                .setNextReportAt(Instant.ofEpochMilli(firstReportAt))
                .setThrottledUntil(Map.of()).setForecaster(ByteBuffer.allocate(0)).build();
    }

    private static byte[] bytes(FleetDemandState state) {
        ByteBuffer buffer = state.getForecaster().duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
