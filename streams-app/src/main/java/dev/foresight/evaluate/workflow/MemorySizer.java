package dev.foresight.evaluate.workflow;

import dev.foresight.predict.workflow.ActionObservation;
import java.util.List;

/**
 * One or more ways to size a task's memory when it is submitted, learning from each task once it has
 * completed. Methods that share state (a history, a model) propose together, one value per name.
 */
interface MemorySizer {

    List<String> names();

    /** @param completed the run's tasks completed before this one was submitted, in completion order */
    double[] proposeMb(TraceTask task, List<ActionObservation> completed);

    /** @param completedBeforeSubmit what {@link #proposeMb} saw for this task */
    void learn(TraceTask task, List<ActionObservation> completedBeforeSubmit);
}
