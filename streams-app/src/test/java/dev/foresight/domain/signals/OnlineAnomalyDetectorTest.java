package dev.foresight.domain.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OnlineAnomalyDetectorTest {

    private static double daily(int i, Random random) {
        return 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
    }

    @Test
    void shouldAlertOnASpikeAfterLearning() {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        Random random = new Random(1);
        for (int i = 0; i < 3000; i++) {
            detector.score(daily(i, random));
        }
        assertTrue(detector.score(400) >= OnlineAnomalyDetector.ALERT);
    }

    @Test
    void shouldRarelyAlertOnARegularNoisySeries() {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        Random random = new Random(2);
        int alerts = 0;
        for (int i = 0; i < 6000; i++) {
            alerts += detector.score(daily(i, random)) >= OnlineAnomalyDetector.ALERT ? 1 : 0;
        }
        assertTrue(alerts <= 2, alerts + " alerts");
    }

    @Test
    void shouldStayQuietForTheQuietPeriodAfterAnAlert() {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        Random random = new Random(3);
        for (int i = 0; i < 3000; i++) {
            detector.score(daily(i, random));
        }
        assertTrue(detector.score(400) >= OnlineAnomalyDetector.ALERT);
        for (int i = 0; i < DetectorSettings.defaults().quietAfterAlert(); i++) {
            assertEquals(0.0, detector.score(i % 2 == 0 ? 400 : -400));
        }
        assertTrue(detector.score(4000) > 0);
    }

    @Test
    void shouldNotAlertWhileLearning() {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        Random random = new Random(4);
        for (int i = 0; i < 250; i++) {
            assertEquals(0.0, detector.score(i == 200 ? 1e6 : daily(i, random)));
        }
    }

    @Test
    void shouldRejectNonFiniteValues() {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        assertThrows(IllegalArgumentException.class, () -> detector.score(Double.NaN));
    }

    @Test
    void shouldScoreTheSameAfterARoundTripThroughBytes() {
        DetectorSettings settings = DetectorSettings.defaults();
        OnlineAnomalyDetector original = new OnlineAnomalyDetector(settings);
        Random random = new Random(5);
        for (int i = 0; i < 1500; i++) {
            original.score(daily(i, random));
        }
        OnlineAnomalyDetector restored = OnlineAnomalyDetector.fromBytes(settings, original.toBytes());
        for (int i = 1500; i < 2500; i++) {
            double value = i == 2000 ? 300 : daily(i, random);
            assertEquals(original.score(value), restored.score(value), 1e-9);
        }
    }

    @Test
    void shouldRejectUnreadableState() {
        assertThrows(IllegalArgumentException.class,
                () -> OnlineAnomalyDetector.fromBytes(DetectorSettings.defaults(), new byte[] {1, 2}));
    }
}
