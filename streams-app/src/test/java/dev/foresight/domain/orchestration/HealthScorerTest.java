package dev.foresight.domain.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthScorerTest {

    private final HealthScorer scorer = HealthScorer.withWeights(HealthWeights.defaults());

    @Test
    void shouldWeighEachComponentAndRecordItsInputs() {
        // latency 1125 ms: halfway between 250 and 2000 → 0.5; errors 10 % of the 20 % limit → 0.5;
        // busiest 90 %: halfway from 80 % to 100 % → 0.5; check passed → 1.
        HealthScore s = scorer.score(new HealthInputs(true, 1125, 0.1, 0.9, 0.5));
        assertEquals(0.4 * 1 + 0.2 * 0.5 + 0.25 * 0.5 + 0.15 * 0.5, s.score(), 1e-9);
        assertEquals(HealthScore.Status.DEGRADED, s.status());
        assertEquals(0.5, s.inputs().get("latencyScore"), 1e-9);
        assertEquals(0.9, s.inputs().get("cpuUtilization"));
    }

    @Test
    void shouldRenormalizeOverTheComponentsTheCheckReported() {
        HealthScore s = scorer.score(new HealthInputs(true, 1125, null, null, null));
        assertEquals((0.4 * 1 + 0.2 * 0.5) / 0.6, s.score(), 1e-9);
    }

    @Test
    void shouldCallAFailedProbeUnhealthyWhateverTheRest() {
        HealthScore s = scorer.score(new HealthInputs(false, 10, 0.0, 0.1, 0.1));
        assertEquals(HealthScore.Status.UNHEALTHY, s.status());
        assertEquals(0.6, s.score(), 1e-9);
    }

    @Test
    void shouldFollowConfiguredWeights() {
        HealthScorer latencyOnly = HealthScorer.withWeights(HealthWeights.defaults()
                .with(Map.of("check", 0.0, "errors", 0.0, "resources", 0.0)));
        assertEquals(0.5, latencyOnly.score(new HealthInputs(true, 1125, 0.0, 0.1, 0.1)).score(), 1e-9);
    }
}
