package dev.foresight.query;

import dev.foresight.schema.state.SeriesBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.NavigableMap;

/** Reads this instance's buckets of one series. */
public interface SeriesReader {

    /** The finest resolution kept, and the coarse one. */
    Duration fineStep();

    Duration coarseStep();

    /** How far back the fine buckets reach. */
    Duration fineRetention();

    /** Buckets of {@code seriesKey} starting in [from, to), by start, at the fine or the coarse resolution. */
    NavigableMap<Instant, SeriesBucket> read(String seriesKey, Instant from, Instant to, boolean coarse);
}
