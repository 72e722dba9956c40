package dev.foresight.predict.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConformalCalibrationTest {

    private final ConformalCalibration calibration = new ConformalCalibration(LstmSettings.defaults());

    @Test
    void shouldHaveNoConfidenceAndNoBoundForUnseenType() {
        ConformalCalibration.Calibrated calibrated = calibration.calibrated("never-seen", true);

        assertEquals(0, calibrated.confidence());
        assertTrue(Double.isInfinite(calibrated.upperLogMargin()));
    }

    @Test
    void shouldHaveNoConfidenceUntilEnoughResidualsToBoundTheError() {
        for (int i = 0; i < 18; i++) {
            calibration.add("sort", true, 0.01);
        }
        assertEquals(0, calibration.calibrated("sort", true).confidence(), "18 residuals cannot bound a 95% quantile");

        calibration.add("sort", true, 0.01);
        assertTrue(calibration.calibrated("sort", true).confidence() > 0);
    }

    @Test
    void shouldRaiseConfidenceAsAccuratePredictionsAccumulate() {
        for (int i = 0; i < 20; i++) {
            calibration.add("sort", true, 0.05);
        }
        double after20 = calibration.calibrated("sort", true).confidence();
        for (int i = 0; i < 30; i++) {
            calibration.add("sort", true, 0.05);
        }
        double after50 = calibration.calibrated("sort", true).confidence();

        assertEquals(20 / 25.0, after20, 1e-12);
        assertEquals(50 / 55.0, after50, 1e-12);
    }

    @Test
    void shouldLowerConfidenceWhenTheBoundReservesMoreThanTheToleranceAboveUse() {
        for (int i = 0; i < 40; i++) {
            calibration.add("sort", true, i % 2 == 0 ? 0.05 : 0.7);
        }

        assertEquals(20 / 45.0, calibration.calibrated("sort", true).confidence(), 1e-12,
                "the bound covers the 0.7 misses, so it reserves exp(0.65) - 1 = 92 % too much for the rest");
    }

    @Test
    void shouldNotTrustAPredictionThatIsUsuallyCloseWhenItsRareMissesWidenTheBound() {
        for (int i = 0; i < 40; i++) {
            calibration.add("sort", true, i % 8 == 0 ? 1.5 : 0.0);
        }

        assertEquals(5 / 45.0, calibration.calibrated("sort", true).confidence(), 1e-12,
                "35 of 40 predictions were exact, but the bound that covers the misses is 4.5 times their use");
    }

    @Test
    void shouldBoundTheResidualAtTheCoverageQuantile() {
        for (int i = 1; i <= 39; i++) {
            calibration.add("sort", true, i / 100.0);
        }

        assertEquals(0.38, calibration.calibrated("sort", true).upperLogMargin(), 1e-12, "rank ceil(40 * 0.95) = 38");
    }

    @Test
    void shouldForgetResidualsOlderThanItsWindow() {
        for (int i = 0; i < 50; i++) {
            calibration.add("sort", true, 2.0);
        }
        for (int i = 0; i < 50; i++) {
            calibration.add("sort", true, 0.1);
        }

        assertEquals(0.1, calibration.calibrated("sort", true).upperLogMargin(), 1e-12);
    }

    @Test
    void shouldNotLetColdStartMissesWidenTheBoundOfPredictionsWithContext() {
        for (int i = 0; i < 30; i++) {
            calibration.add("sort", false, 3.0);
            calibration.add("sort", true, 0.1);
        }

        assertEquals(0.1, calibration.calibrated("sort", true).upperLogMargin(), 1e-12);
        assertEquals(3.0, calibration.calibrated("sort", false).upperLogMargin(), 1e-12);
    }
}
