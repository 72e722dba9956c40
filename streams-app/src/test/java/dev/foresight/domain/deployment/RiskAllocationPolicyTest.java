package dev.foresight.domain.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.deployment.RiskAllocationPolicy.Move;
import dev.foresight.domain.deployment.RiskAllocationPolicy.Step;
import dev.foresight.schema.state.HostRiskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskAllocationPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private final RiskAllocationPolicy policy = new RiskAllocationPolicy(RiskAllocationSettings.defaults());
    private final HostRiskState host = Deployments.newHost("dep-1", "host-1");

    private static Instant minute(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void shouldEnterEveryLevelTheRiskReachesAtOnce() {
        List<Step> steps = policy.onScore(host, 0.72, true, T0);
        assertEquals(List.of(new Step(RiskLevel.THROTTLE, Move.ENTER), new Step(RiskLevel.BOOST, Move.ENTER),
                new Step(RiskLevel.SHIFT_TRAFFIC, Move.ENTER), new Step(RiskLevel.SCALE_DEPENDENTS, Move.ENTER)), steps);
    }

    @Test
    void shouldNotBoostAHostThatIsNotSaturated() {
        assertEquals(List.of(new Step(RiskLevel.THROTTLE, Move.ENTER)), policy.onScore(host, 0.62, false, T0));
    }

    @Test
    void shouldNotFlapWhenRiskOscillatesAroundAThreshold() {
        List<Step> steps = new ArrayList<>();
        double[] risks = {0.52, 0.45, 0.53, 0.44, 0.51, 0.46, 0.55, 0.41};
        for (int i = 0; i < risks.length; i++) {
            steps.addAll(policy.onScore(host, risks[i], false, minute(i)));
        }
        assertEquals(List.of(new Step(RiskLevel.THROTTLE, Move.ENTER)), steps);
    }

    @Test
    void shouldLeaveALevelOnlyBelowItsMarginAndAfterTheMinimumDwell() {
        policy.onScore(host, 0.55, false, T0);
        assertEquals(List.of(), policy.onScore(host, 0.2, false, T0.plusSeconds(60)), "dwell of 2 minutes not over");
        assertEquals(List.of(new Step(RiskLevel.THROTTLE, Move.LEAVE)), policy.onScore(host, 0.2, false, minute(2)));
    }

    @Test
    void shouldRevertABoostWhenItExpiresAndNotBoostAgainWhileRiskStaysHigh() {
        policy.onScore(host, 0.62, true, T0);
        assertEquals(List.of(), policy.onTick(host, minute(4)).stream().toList());
        assertEquals(List.of(new Step(RiskLevel.BOOST, Move.EXPIRE)), policy.onTick(host, minute(5)).stream().toList());
        assertEquals(List.of(), policy.onScore(host, 0.62, true, minute(6)));
    }

    @Test
    void shouldNotRevertAnExpiredBoostAgainWhenRiskFalls() {
        policy.onScore(host, 0.62, true, T0);
        policy.onTick(host, minute(5));
        assertEquals(List.of(new Step(RiskLevel.THROTTLE, Move.LEAVE)), policy.onScore(host, 0.1, false, minute(6)));
    }

    @Test
    void shouldReleaseEveryLevelAtOnce() {
        policy.onScore(host, 0.66, false, T0);
        assertEquals(List.of(new Step(RiskLevel.THROTTLE, Move.LEAVE), new Step(RiskLevel.SHIFT_TRAFFIC, Move.LEAVE)),
                policy.releaseAll(host));
        assertTrue(host.getLevels().isEmpty());
    }
}
