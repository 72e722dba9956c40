package dev.foresight.topology;

import dev.foresight.ingest.IngestStage;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.telemetry.TelemetryAggregation;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The whole application as one topology: validate the inputs, then hand each feature its streams.
 * Each stage's class documents its own topics and stores.
 */
public final class ForesightTopology {

    private final AvroSerdes serdes;
    private final TopologySettings settings;

    public ForesightTopology(AvroSerdes serdes, TopologySettings settings) {
        this.serdes = serdes;
        this.settings = settings;
    }

    public Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        ValidatedInputs inputs = new IngestStage(serdes, settings.ingest()).build(builder);
        new TelemetryAggregation(serdes, settings.aggregation()).build(inputs.telemetry());
        return builder.build();
    }
}
