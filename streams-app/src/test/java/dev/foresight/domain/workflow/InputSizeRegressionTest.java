package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.workflow.InputSizeRegression.Margin;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InputSizeRegressionTest {

    private static final double[] INPUTS = {100, 200, 300, 400};

    private static double propose(double[] inputs, double[] peaks, double input, Margin margin) {
        OptionalDouble proposal = InputSizeRegression.propose(inputs, peaks, inputs.length, input, margin);
        assertTrue(proposal.isPresent(), margin + " should answer");
        return proposal.getAsDouble();
    }

    @Test
    void shouldSizeAPeakThatGrowsWithItsInputForTheInputItHas() {
        double[] peaks = {110, 190, 310, 390};

        double small = propose(INPUTS, peaks, 150, Margin.MAX_RESIDUAL);
        double large = propose(INPUTS, peaks, 800, Margin.MAX_RESIDUAL);

        assertTrue(small > 150 && small < 390, "below the largest peak for a small input: " + small);
        assertTrue(large > 750, "grown with the input beyond the largest seen: " + large);
    }

    @Test
    void shouldCoverEveryEarlierActionWithTheLargestResidual() {
        double[] peaks = {110, 190, 310, 390};

        for (int i = 0; i < INPUTS.length; i++) {
            assertTrue(propose(INPUTS, peaks, INPUTS[i], Margin.MAX_RESIDUAL) >= peaks[i] - 1e-9);
            assertTrue(propose(INPUTS, peaks, INPUTS[i], Margin.MAX_RATIO) >= peaks[i] - 1e-9);
        }
    }

    @Test
    void shouldGiveAPeakThatDoesNotDependOnItsInputTheLargestPeak() {
        double[] peaks = {500, 520, 490, 510};

        assertEquals(520, propose(INPUTS, peaks, 50, Margin.MAX_RESIDUAL), 1e-9);
        assertEquals(520, propose(INPUTS, peaks, 5000, Margin.MAX_RESIDUAL), 1e-9);
    }

    @Test
    void shouldNotSizeALargerInputBelowASmallerOne() {
        double[] peaks = {400, 300, 200, 100};

        assertEquals(propose(INPUTS, peaks, 50, Margin.TWO_SD), propose(INPUTS, peaks, 5000, Margin.TWO_SD), 1e-9);
    }

    @Test
    void shouldBoundASaturatingPeakByTheNextLargerInputs() {
        double[] inputs = {10, 100, 1000, 10_000};
        double[] peaks = {100, 1000, 5000, 5100};

        assertEquals(5100, propose(inputs, peaks, 2000, Margin.NEIGHBOURS), 1e-9);
        assertEquals(1000, propose(inputs, peaks, 5, Margin.NEIGHBOURS), 1e-9, "the two next larger inputs bound it");
        assertTrue(propose(inputs, peaks, 20_000, Margin.NEIGHBOURS) > 5100, "beyond the largest input it grows");
    }

    @Test
    void shouldLeaveAnUnknownInputOrTooFewOrEqualInputsToOtherSources() {
        double[] peaks = {100, 200, 300, 400};

        assertTrue(InputSizeRegression.propose(INPUTS, peaks, 4, Double.NaN, Margin.MAX_RESIDUAL).isEmpty());
        assertTrue(InputSizeRegression.propose(INPUTS, peaks, InputSizeRegression.MIN_POINTS - 1, 100,
                Margin.MAX_RESIDUAL).isEmpty());
        assertTrue(InputSizeRegression.propose(new double[] {5, 5, 5, 5}, peaks, 4, 5, Margin.LOG_LOG).isEmpty());
        assertTrue(InputSizeRegression.propose(new double[] {Double.NaN, 1, Double.NaN, 2}, peaks, 4, 5,
                Margin.MAX_RESIDUAL).isEmpty(), "two inputs known: too few");
    }
}
