package dev.foresight.predict.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskPriorTest {

    @Test
    void shouldWeighUnknownFeaturesByTheirNamingConvention() {
        List<String> names = List.of("queue_ratio", "disk_trend", "error_zscore", "cpu_utilization");

        RiskPrior prior = RiskPrior.byConvention(names);

        assertArrayEquals(new double[] {RiskPrior.RATIO_WEIGHT, RiskPrior.TREND_WEIGHT, RiskPrior.ZSCORE_WEIGHT, 0},
                prior.alignedTo(names));
    }

    @Test
    void shouldWeighSymptomsAboveContextAmongHostFeatures() {
        double[] weights = RiskPrior.byConvention(HostFeatures.NAMES).alignedTo(HostFeatures.NAMES);

        double latency = weights[HostFeatures.index("latency_ratio")];
        assertTrue(latency > weights[HostFeatures.index("cpu_ratio")]);
        assertTrue(latency > weights[HostFeatures.index("load_ratio")]);
    }

    @Test
    void shouldScoreAHostThatStraysAloneAboveOneThatStraysWithAllItsPeers() {
        OnlineRiskModel model = new OnlineRiskModel(HostFeatures.NAMES, RiskModelSettings.defaults());
        HostFeatures.Window baseline = new HostFeatures.Window(0.30, 0.50, 0.40, 20, 0.001, 100, Map.of());
        HostFeatures.Window erring = new HostFeatures.Window(0.30, 0.50, 0.40, 30, 0.04, 100, Map.of());
        double[] peerErring = HostFeatures.extract(erring, baseline, 0, 0, List.of());
        double[] peerAtBaseline = HostFeatures.extract(baseline, baseline, 0, 0, List.of());

        double alone = model.score(HostFeatures.extract(erring, baseline, 0, 0, List.of(peerAtBaseline, peerAtBaseline)));
        double together = model.score(HostFeatures.extract(erring, baseline, 0, 0, List.of(peerErring, peerErring)));

        assertTrue(alone > 0.5 && together < 0.5, "alone " + alone + ", with its peers " + together);
    }

    @Test
    void shouldScoreAHostAtItsBaselineAtTheBaselineRisk() {
        double[] baseline = new double[HostFeatures.NAMES.size()];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = HostFeatures.NAMES.get(i).endsWith("_ratio") ? 1 : 0.3;
        }
        baseline[HostFeatures.index("memory_trend")] = 0;
        OnlineRiskModel model = new OnlineRiskModel(HostFeatures.NAMES, RiskModelSettings.defaults());

        assertEquals(RiskPrior.BASELINE_RISK, model.score(baseline), 1e-9);
    }
}
