package dev.foresight.predict.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
