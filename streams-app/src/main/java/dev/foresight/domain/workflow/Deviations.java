package dev.foresight.domain.workflow;

import dev.foresight.schema.state.PredictionError;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * How far an action's actual usage was from the estimate its allocation rested on, per resource, as
 * {@code (actual - expected) / max(actual, expected)}: bounded to [-1, 1] (negative = over-estimated),
 * 0 when both are 0, and defined when the estimate was 0. A bound of 0.5 means "off by a factor of 2".
 */
public final class Deviations {

    private Deviations() {
    }

    public static PredictionError of(Resources expected, Resources actual) {
        String worstName = "cpuCores";
        double worst = 0;
        double[] errors = new double[5];
        int i = 0;
        for (Map.Entry<String, ToDoubleFunction<Resources>> resource : Resources.NAMED.entrySet()) {
            double error = relative(resource.getValue().applyAsDouble(expected),
                    resource.getValue().applyAsDouble(actual));
            errors[i++] = error;
            if (Math.abs(error) > Math.abs(worst)) {
                worst = error;
                worstName = resource.getKey();
            }
        }
        return new PredictionError(errors[0], errors[1], errors[2], errors[3], errors[4], worst, worstName);
    }

    static double relative(double expected, double actual) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        return scale == 0 ? 0 : (actual - expected) / scale;
    }
}
