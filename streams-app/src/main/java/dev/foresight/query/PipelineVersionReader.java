package dev.foresight.query;

import dev.foresight.schema.state.PipelineVersion;
import java.util.List;

/** Reads this instance's versions of one pipeline. */
public interface PipelineVersionReader {

    /** Every version of the pipeline, oldest first; empty when it has none here. */
    List<PipelineVersion> versions(String serviceId);
}
