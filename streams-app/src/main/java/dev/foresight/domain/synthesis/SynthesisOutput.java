package dev.foresight.domain.synthesis;

import java.time.Instant;
import java.util.Map;

/** What one input made the synthesizer do: a new version, a command to the executors, a logged decision. */
public sealed interface SynthesisOutput {

    /** Why: the inputs and thresholds behind an output, and a sentence for people. */
    record Reason(String madeBy, Map<String, Double> inputs, Map<String, Double> thresholds, String explanation) {
    }

    /** One version of the pipeline's definition, complete. */
    record Version(String pipeline, int version, int parent, String contentHash, String json, String yaml, String diff,
                   String madeBy, String reason, Instant at) implements SynthesisOutput {
    }

    /** ADD_STAGE or ROLLBACK for the executors. */
    record StageCommand(String pipeline, Operation operation, String stageType, String stageName, int version,
                        int parent, String contentHash, String stageJson, String stageYaml, Reason reason, Instant at)
            implements SynthesisOutput {
    }

    /** An entry of the decision log. */
    record Logged(String pipeline, Kind kind, String stageType, int version, Reason reason, Instant at)
            implements SynthesisOutput {
    }

    /** The two commands. */
    enum Operation { ADD_STAGE, ROLLBACK }

    /** The kinds of logged decision. */
    enum Kind { SYNTHESIZED, KEPT, ROLLED_BACK, TUNED, BOTTLENECK }
}
