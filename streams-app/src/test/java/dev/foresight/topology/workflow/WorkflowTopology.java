package dev.foresight.topology.workflow;

import dev.foresight.ingest.IngestSettings;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.NamedTopologies;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Ingest and the workflow feature only, so a test does not depend on the other features' settings. */
final class WorkflowTopology {

    private WorkflowTopology() {
    }

    /** @param confidence what the {@link MeanPredictor} of every task claims */
    static Topology of(WorkflowSettings settings, double confidence) {
        AvroSerdes serdes = AvroSerdes.bundled();
        StreamsBuilder builder = NamedTopologies.builder();
        new WorkflowShadowing(serdes, settings, () -> new MeanPredictor(confidence),
                ForesightTopology.workflowTopics(serdes))
                .build(ForesightTopology.ingest(builder, serdes, IngestSettings.defaults()).workflows());
        return builder.build();
    }
}
