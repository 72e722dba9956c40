package dev.foresight.topology;

import dev.foresight.ingest.IngestSettings;
import dev.foresight.topology.telemetry.AggregationSettings;

/** Every tunable of the topology, grouped by feature. */
public record TopologySettings(IngestSettings ingest, AggregationSettings aggregation) {

    public static TopologySettings defaults() {
        return new TopologySettings(IngestSettings.defaults(), AggregationSettings.defaults());
    }
}
