package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.state.PredictionSource;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InterventionPolicyTest {

    private static final PoolCapacity POOL = new PoolCapacity(64, 262_144);
    private final InterventionPolicy policy = InterventionPolicy.defaults();

    @Test
    void shouldAskForAnUnvouchedPlanThatWantsMoreThanHalfThePool() {
        Optional<String> reason = policy.reason(plan(PredictionSource.FALLBACK, 0, 40, 1024), "default", POOL);

        assertTrue(reason.isPresent());
        assertTrue(reason.get().contains("63% of pool default"), reason.get());
    }

    @Test
    void shouldNotAskWhenHistoryVouchesForAPlanThatFitsThePool() {
        assertEquals(Optional.empty(), policy.reason(plan(PredictionSource.FALLBACK, 12, 40, 1024), "default", POOL));
        assertEquals(Optional.empty(), policy.reason(plan(PredictionSource.MODEL, 0, 40, 1024), "default", POOL));
    }

    @Test
    void shouldAskForAnyPlanMoreThanThePoolHolds() {
        Optional<String> reason = policy.reason(plan(PredictionSource.MODEL, 50, 8, 300_000), "default", POOL);

        assertTrue(reason.orElseThrow().contains("more than pool default holds"), reason.toString());
    }

    @Test
    void shouldNeverAskWhenOff() {
        assertEquals(Optional.empty(), InterventionPolicy.off()
                .reason(plan(PredictionSource.FALLBACK, 0, 640, 1024), "default", POOL));
    }

    @Test
    void shouldRefuseAShareOutsideZeroToOneAndANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new InterventionPolicy(true, 1.5, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new InterventionPolicy(true, 0.5, Duration.ZERO));
    }

    private static AllocationPlan plan(PredictionSource source, int historySamples, double cpu, double memoryMb) {
        Resources wanted = new Resources(cpu, memoryMb, 0, 0, 0);
        return new AllocationPlan(source, "rule", "1", 0.1, wanted, wanted,
                Map.of("history.samples", (double) historySamples), Map.of(), "why");
    }
}
