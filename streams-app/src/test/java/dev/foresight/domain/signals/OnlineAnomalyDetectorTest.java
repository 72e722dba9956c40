package dev.foresight.domain.signals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OnlineAnomalyDetectorTest {

    private static double daily(int i, Random random) {
        return 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian();
    }

    /**
     * A detector past learning and out of any quiet period: fed the daily cycle until more values than the
     * quiet period have scored below the alert in a row (a novelty of the cycle itself may alert once).
     */
    private static OnlineAnomalyDetector calm(DetectorSettings settings, Random random) {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(settings);
        int calm = 0;
        for (int i = 0; i < 20_000; i++) {
            calm = detector.score(daily(i, random)) < OnlineAnomalyDetector.ALERT ? calm + 1 : 0;
            if (i >= settings.learningValues() && calm > settings.quietAfterAlert()) {
                return detector;
            }
        }
        throw new AssertionError("the daily cycle never stayed calm for the quiet period");
    }

    @Test
    void shouldAlertOnASpikeAfterLearning() {
        OnlineAnomalyDetector detector = calm(DetectorSettings.defaults(), new Random(1));
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
        OnlineAnomalyDetector detector = calm(DetectorSettings.defaults(), new Random(3));
        assertTrue(detector.score(400) >= OnlineAnomalyDetector.ALERT);
        for (int i = 0; i < DetectorSettings.defaults().quietAfterAlert(); i++) {
            assertEquals(0.0, detector.score(i % 2 == 0 ? 400 : -400));
        }
        assertTrue(detector.score(4000) > 0);
    }

    @Test
    void shouldScoreAFlatSeriesFarBelowTheAlert() {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        double highest = 0;
        for (int i = 0; i < 5000; i++) {
            highest = Math.max(highest, detector.score(42));
        }
        assertTrue(highest < 0.1, "highest " + highest);
    }

    @Test
    void shouldAlertOnANewExtremeOnlyBeyondTheTolerance() {
        DetectorSettings settings = DetectorSettings.defaults();
        OnlineAnomalyDetector within = new OnlineAnomalyDetector(settings);
        OnlineAnomalyDetector beyond = new OnlineAnomalyDetector(settings);
        Random random = new Random(0);
        for (int i = 0; i < 3000; i++) {
            double value = 100 * random.nextDouble();
            within.score(value);
            beyond.score(value);
        }
        assertTrue(within.score(101) < OnlineAnomalyDetector.ALERT);
        assertTrue(beyond.score(103) >= OnlineAnomalyDetector.ALERT);
    }

    @Test
    void shouldAlertOnAShapeNeverSeenWithinTheRange() {
        // a square wave that suddenly holds its middle level: no value is new, only the shape
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        for (int i = 0; i < 3000; i++) {
            detector.score((i / 100) % 2 == 0 ? 10 : 20);
        }
        double highest = 0;
        for (int i = 0; i < 400; i++) {
            highest = Math.max(highest, detector.score(15));
        }
        assertTrue(highest >= OnlineAnomalyDetector.ALERT, "highest " + highest);
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

    @ParameterizedTest
    @ValueSource(ints = {300, 1500})
    void shouldScoreTheSameAfterARoundTripThroughBytes(int learnedValues) {
        DetectorSettings settings = DetectorSettings.defaults();
        OnlineAnomalyDetector original = new OnlineAnomalyDetector(settings);
        Random random = new Random(5);
        for (int i = 0; i < learnedValues; i++) {
            original.score(daily(i, random));
        }
        OnlineAnomalyDetector restored = OnlineAnomalyDetector.fromBytes(settings, original.toBytes());
        int alerts = 0;
        for (int i = learnedValues; i < learnedValues + 2500; i++) {
            double value = i % 500 == 0 ? 300 : daily(i, random);
            double score = original.score(value);
            assertEquals(score, restored.score(value), 1e-9);
            alerts += score >= OnlineAnomalyDetector.ALERT ? 1 : 0;
        }
        assertTrue(alerts > 0, "the spikes after the round trip alerted");
    }

    @Test
    void shouldStartOverFromTheRetiredStateFormat() {
        DetectorSettings settings = DetectorSettings.defaults();
        byte[] retired = {0, 0, 0, 1, 7, 7, 7};
        OnlineAnomalyDetector restored = OnlineAnomalyDetector.fromBytes(settings, retired);
        assertArrayEquals(new OnlineAnomalyDetector(settings).toBytes(), restored.toBytes());
    }

    @Test
    void shouldRejectUnreadableState() {
        assertThrows(IllegalArgumentException.class,
                () -> OnlineAnomalyDetector.fromBytes(DetectorSettings.defaults(), new byte[] {1, 2}));
    }
}
