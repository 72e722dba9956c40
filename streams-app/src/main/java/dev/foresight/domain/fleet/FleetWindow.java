package dev.foresight.domain.fleet;

import dev.foresight.schema.state.CallerCounts;
import dev.foresight.schema.state.FleetBucket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The counts of a window of buckets, and the rates they give. Rates are requests per hour. */
public final class FleetWindow {

    /** Counts of one caller over the window. */
    public record Tally(long requests, long failures, long tokens) {

        Tally plus(CallerCounts counts) {
            return new Tally(requests + counts.getRequests(), failures + counts.getFailures(),
                    tokens + counts.getTokens());
        }
    }

    private final Duration length;
    private final Map<String, Tally> callers = new HashMap<>();
    private long heartbeats;
    private long forgeOutages;
    private long inferenceFailures;

    private FleetWindow(Duration length) {
        this.length = length;
    }

    public static FleetWindow of(Duration length, Iterable<FleetBucket> buckets) {
        FleetWindow window = new FleetWindow(length);
        buckets.forEach(window::add);
        return window;
    }

    private void add(FleetBucket bucket) {
        bucket.getCallers().forEach((caller, counts) ->
                callers.merge(caller, new Tally(0, 0, 0).plus(counts),
                        (a, b) -> new Tally(a.requests + b.requests, a.failures + b.failures, a.tokens + b.tokens)));
        heartbeats += bucket.getHeartbeats();
        forgeOutages += bucket.getForgeOutages();
        inferenceFailures += bucket.getInferenceFailures();
    }

    public Map<String, Tally> callers() {
        return Map.copyOf(callers);
    }

    public long requests() {
        return callers.values().stream().mapToLong(Tally::requests).sum();
    }

    public long tokens() {
        return callers.values().stream().mapToLong(Tally::tokens).sum();
    }

    public long lengthMs() {
        return length.toMillis();
    }

    public long requests(String caller) {
        Tally tally = callers.get(caller);
        return tally == null ? 0 : tally.requests();
    }

    public double hours() {
        return length.toMillis() / 3_600_000.0;
    }

    /** Zero for an empty window, which a new fleet's baseline can be. */
    public double requestRate() {
        return length.isZero() ? 0 : requests() / hours();
    }

    public double requestRate(String caller) {
        return length.isZero() ? 0 : requests(caller) / hours();
    }

    public long heartbeats() {
        return heartbeats;
    }

    public long forgeOutages() {
        return forgeOutages;
    }

    public long inferenceFailures() {
        return inferenceFailures;
    }
}
