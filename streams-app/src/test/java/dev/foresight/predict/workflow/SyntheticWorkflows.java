package dev.foresight.predict.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated workflows for tests: four action types in turn, memory growing linearly with the step. */
final class SyntheticWorkflows {

    static final String WORKFLOW_TYPE = "synthetic";
    static final String[] TYPES = {"fetch", "align", "sort", "report"};

    private SyntheticWorkflows() {
    }

    /** One workflow of {@code length} actions; {@code seed} varies the noise and the memory slope. */
    static List<ActionObservation> workflow(int length, long seed) {
        Random random = new Random(seed);
        double slope = 40 + random.nextInt(20);
        List<ActionObservation> actions = new ArrayList<>(length);
        for (int step = 0; step < length; step++) {
            String type = TYPES[step % TYPES.length];
            double memory = 200 + slope * step + 100 * (step % TYPES.length) + random.nextGaussian() * 5;
            actions.add(new ActionObservation(type, 1 + step % 2, memory, 10, 0.01, 1000 + 10 * step));
        }
        return actions;
    }

    static ActionObservation action(String type, double memoryMb) {
        return new ActionObservation(type, 1, memoryMb, 10, 0.01, 1000);
    }
}
