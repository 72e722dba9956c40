package dev.foresight.predict.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostFeaturesTest {

    private static final HostFeatures.Window BASELINE =
            new HostFeatures.Window(0.30, 0.30, 0.45, 40, 0.002, 100, Map.of("gcPauseMs", 9.0, "queueDepth", 0.0));

    private static double feature(double[] features, String name) {
        return features[HostFeatures.index(name)];
    }

    @Test
    void shouldNameEveryFeature() {
        assertEquals(HostFeatures.NAMES.size(), HostFeatures.extract(BASELINE, BASELINE, 0, 0, List.of()).length);
    }

    @Test
    void shouldScoreAHostAtItsBaselineWithRatiosOfOne() {
        double[] features = HostFeatures.extract(BASELINE, BASELINE, 0, 0, List.of());
        for (String name : HostFeatures.NAMES) {
            if (name.endsWith("_ratio")) {
                assertEquals(1, feature(features, name), 1e-12, name);
            }
        }
    }

    @Test
    void shouldMeasureLatencyAgainstTheHostsOwnBaseline() {
        HostFeatures.Window slow = new HostFeatures.Window(0.3, 0.3, 0.45, 122, 0.002, 100, Map.of());
        assertEquals(3, feature(HostFeatures.extract(slow, BASELINE, 0, 0, List.of()), "latency_ratio"), 1e-9);
    }

    @Test
    void shouldNotTurnATinyErrorRateChangeIntoAnAlarm() {
        HostFeatures.Window noisy = new HostFeatures.Window(0.3, 0.3, 0.45, 40, 0.006, 100, Map.of());
        HostFeatures.Window failing = new HostFeatures.Window(0.3, 0.3, 0.45, 40, 0.2, 100, Map.of());
        assertEquals(1.33, feature(HostFeatures.extract(noisy, BASELINE, 0, 0, List.of()), "error_rate_ratio"), 0.01);
        assertEquals(17.5, feature(HostFeatures.extract(failing, BASELINE, 0, 0, List.of()), "error_rate_ratio"), 0.01);
    }

    @Test
    void shouldReportTheKpiFurthestFromItsBaselineEitherWay() {
        HostFeatures.Window recent = new HostFeatures.Window(0.3, 0.3, 0.45, 40, 0.002, 100,
                Map.of("gcPauseMs", 2.333, "queueDepth", 2.0));
        assertEquals(3, feature(HostFeatures.extract(recent, BASELINE, 0, 0, List.of()), "kpi_deviation_ratio"), 0.01);
    }

    @Test
    void shouldCompareTheHostsDeviationWithTheMedianDeviationOfItsPeers() {
        HostFeatures.Window failing = new HostFeatures.Window(0.3, 0.3, 0.45, 122, 0.2, 100, Map.of());
        double[] asBad = HostFeatures.extract(failing, BASELINE, 0, 0, List.of());
        double[] atBaseline = HostFeatures.extract(BASELINE, BASELINE, 0, 0, List.of());

        double[] alone = HostFeatures.extract(failing, BASELINE, 0, 0, List.of(atBaseline, atBaseline, asBad));
        double[] withPeers = HostFeatures.extract(failing, BASELINE, 0, 0, List.of(asBad, asBad, atBaseline));

        assertEquals(17.5, feature(alone, "error_rate_peer_ratio"), 0.01);
        assertEquals(3, feature(alone, "latency_peer_ratio"), 0.01);
        assertEquals(1, feature(withPeers, "error_rate_peer_ratio"), 1e-9);
        assertEquals(1, feature(withPeers, "latency_peer_ratio"), 1e-9);
    }

    @Test
    void shouldCompareAHostWithoutPeersAsIfItsPeersWereAtTheirBaselines() {
        HostFeatures.Window failing = new HostFeatures.Window(0.3, 0.3, 0.45, 40, 0.2, 100, Map.of());

        double[] features = HostFeatures.extract(failing, BASELINE, 0, 0, List.of());

        assertEquals(feature(features, "error_rate_ratio"), feature(features, "error_rate_peer_ratio"), 1e-12);
    }

    @Test
    void shouldFitTheTrendOfWindowMeansPerMinute() {
        assertEquals(0.05, HostFeatures.trendPerMinute(List.of(0.4, 0.45, 0.5, 0.55), Duration.ofMinutes(1)), 1e-12);
        assertEquals(0.025, HostFeatures.trendPerMinute(List.of(0.4, 0.45, 0.5), Duration.ofMinutes(2)), 1e-12);
        assertEquals(0, HostFeatures.trendPerMinute(List.of(0.4), Duration.ofMinutes(1)));
    }
}
