package dev.foresight.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.events.PipelineEvent;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/** Pipeline events written before pipeline runs were reported still read with the current schema. */
class PipelineEventEvolutionTest {

    @Test
    void shouldReadV1PipelineEventsWithTheSchemaThatAddsPipelineRuns() throws IOException {
        Schema v1 = SchemaHistory.load("PipelineEvent.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(PipelineEvent.getClassSchema(), v1).getType());
    }
}
