package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DemandForecasterTest {

    private static final long MINUTE = 60_000;

    private final DemandForecaster forecaster = new DemandForecaster(0.8);

    /** Runs of one type: align, then sort a minute later, then report a minute after that. */
    private void learnRuns(int runs) {
        for (int i = 0; i < runs; i++) {
            forecaster.submitted("wf", null, "align", 0);
            forecaster.submitted("wf", "align", "sort", MINUTE);
            forecaster.submitted("wf", "sort", "report", MINUTE);
            forecaster.completed("wf", "align", 1000);
            forecaster.completed("wf", "sort", 200);
            forecaster.completed("wf", "report", 300);
        }
    }

    @Test
    void shouldForecastTheNextActionsOfARunWithinTheHorizonFromLearnedSequences() {
        learnRuns(3);

        DemandForecast twoSteps = forecaster.forecast("wf", "align", 0, 150_000);
        DemandForecast oneStep = forecaster.forecast("wf", "align", 0, 90_000);

        assertEquals(Map.of("sort", 1.0, "report", 1.0), twoSteps.expectedCounts());
        assertEquals(500, twoSteps.memoryMb(), 1e-9);
        assertEquals(Map.of("sort", 1.0), oneStep.expectedCounts());
        assertEquals(200, oneStep.memoryMb(), 1e-9);
    }

    @Test
    void shouldCountTheTimeSinceTheLastSubmitAgainstTheFirstGap() {
        learnRuns(3);

        assertEquals(500, forecaster.forecast("wf", "align", 30_000, 100_000).memoryMb(), 1e-9,
                "sort is due in 30 s and report a minute later");
    }

    @Test
    void shouldForecastNothingForAnUnknownWorkflowOrAfterTheLastType() {
        learnRuns(1);

        assertEquals(0, forecaster.forecast("other", "align", 0, 600_000).memoryMb());
        assertEquals(0, forecaster.forecast("wf", "report", 0, 600_000).memoryMb(), "report has never been followed");
    }

    @Test
    void shouldGiveAnIntervalOnlyOnceEnoughForecastsWereJudged() {
        learnRuns(3);
        DemandForecast forecast = forecaster.forecast("wf", "align", 0, 150_000);
        assertFalse(forecast.hasInterval());

        for (int i = 0; i < DemandForecaster.MIN_JUDGED; i++) {
            forecaster.judged("wf", forecast, i % 2 == 0 ? 400 : 600);
        }
        DemandForecast calibrated = forecaster.forecast("wf", "align", 0, 150_000);

        assertTrue(calibrated.hasInterval());
        assertEquals(400, calibrated.lowerMb(), 1e-9);
        assertEquals(600, calibrated.upperMb(), 1e-9);
    }
}
