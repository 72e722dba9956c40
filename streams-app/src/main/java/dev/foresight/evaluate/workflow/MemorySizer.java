package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.List;
import java.util.Map;

/** A way to size a task's memory before it starts, learning from each task once it has completed. */
public interface MemorySizer {

    String name();

    /** @param completed the run's tasks completed before this one started, in completion order */
    double allocateMb(TraceTask task, List<ActionObservation> completed);

    /** @param completedBeforeStart what {@link #allocateMb} saw for this task */
    void learn(TraceTask task, List<ActionObservation> completedBeforeStart);

    /** How many allocations each rule made, for methods that choose between rules. */
    default Map<String, Long> decisions() {
        return Map.of();
    }
}
