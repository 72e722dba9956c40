package dev.foresight.predict.workflow;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Predicts the resources of a workflow's next action from the actions it has completed so far, and
 * learns online from each completed action. Implementations hold no Kafka types.
 */
public interface NextActionPredictor {

    ResourcePrediction predict(String workflowType, List<ActionObservation> history, String nextActionType);

    /** Records the outcome of an action predicted from {@code history}; training may happen later, in batches. */
    void learn(String workflowType, List<ActionObservation> history, ActionObservation actual);

    /** The learned state (weights, normalizer, calibration) as bytes, to be kept in a changelogged store. */
    byte[] checkpoint();

    /** Resumes from a {@link #checkpoint()}. */
    void restore(byte[] checkpoint);

    String version();

    /** Tells {@code listener} how long each training step took; a predictor that does not train never calls it. */
    default void onTrained(Consumer<Duration> listener) {
    }
}
