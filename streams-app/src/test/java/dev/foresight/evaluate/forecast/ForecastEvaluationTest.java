package dev.foresight.evaluate.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.predict.forecast.ForecastSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastEvaluationTest {

    @Test
    void shouldScoreTheValidationTailOfTheTrainingPartAgainstTheLastObservedValue() {
        List<Double> training = new ArrayList<>();
        for (int t = 0; t < 500; t++) {
            training.add(100.0 + t);
        }

        ForecastEvaluation.Validation validation = ForecastEvaluation.validate(training, ForecastSettings.forSteps(24, 1));

        double expected = 0;
        for (int t = 400; t < 500; t++) {
            double actual = 100.0 + t;
            expected += 2 / (2 * actual - 1);
        }
        assertEquals(expected, validation.lastObserved(), 1e-9, "the last fifth: rows 400..499, each a step behind");
        assertTrue(validation.ours() < 0.1 * validation.lastObserved(), "a steady trend is learnt: " + validation.ours());
    }

    @Test
    void shouldAverageOnlyTheOriginsWithinTheHorizonThatAreNotBeforeTheLastTrainingPoint() {
        List<Double> training = new ArrayList<>();
        for (int t = 0; t < 500; t++) {
            training.add(100.0 + t);
        }

        ForecastEvaluation.Validation validation = ForecastEvaluation.validate(training, ForecastSettings.forSteps(24, 4));

        double expected = 0;
        for (int t = 400; t < 500; t++) {
            double actual = 100.0 + t;
            double behind = Math.min(2.5, 1 + 0.5 * (t - 400));
            expected += 2 * behind / (2 * actual - behind);
        }
        assertEquals(expected, validation.lastObserved(), 1e-9,
                "row 400 has one origin (399, a step behind), 401 two, 402 three, the rest four (2.5 behind on average)");
    }
}
