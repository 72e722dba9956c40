package dev.foresight.query;

import java.time.Duration;

/**
 * Where the delivery signals keep their series and at which steps: handed in by the application, so the
 * query layer does not reach into the topology.
 *
 * @param fineStore   window store of the fine buckets
 * @param coarseStore window store of the coarse buckets
 * @param forecastStore key-value store of each series' latest forecast
 */
public record SeriesStores(String fineStore, String coarseStore, String forecastStore, Duration fineStep,
                           Duration coarseStep, Duration fineRetention) {
}
