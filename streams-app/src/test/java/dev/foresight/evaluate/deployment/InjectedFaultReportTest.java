package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.sim.DeploymentOutcome;
import dev.foresight.schema.commands.AllocationAction;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.common.ResourceKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectedFaultReportTest {

    private static final Instant T = Instant.parse("2026-01-05T08:00:00Z");

    @Test
    void shouldReportEveryThresholdWithSilentFaultsApartActionsAndBlendsPerResourceKind() {
        DeploymentOutcome failed = new DeploymentOutcome("d1", "svc", "1.0.0", "1.1.0", List.of("h1"), T,
                T.plusSeconds(400), true, "h1", "verification failed", Map.of("h1", T.plusSeconds(60)));
        Map<String, Double> thresholds = new LinkedHashMap<>();
        thresholds.put("throttle", 0.5);
        thresholds.put("abort", 0.9);

        String md = InjectedFaultReport.of(List.of(failed),
                List.of(new RiskObservation("d1", "h1", T.plusSeconds(200), 0.95)),
                List.of(new AllocationObservation("d1", AllocationAction.THROTTLE, T.plusSeconds(200))),
                List.of(new RollbackObservation("d1", T.plusSeconds(400),
                        List.of(new RollbackObservation.Blended(ResourceKind.DB_SCHEMA, BlendVerdict.KEEP)))),
                thresholds).markdown();

        assertTrue(md.contains("| throttle 0.50 | with warning signs | 1.000 | 1.000 | 1 | 0 | 0 | 0 | 200 | 200 | 140 |"), md);
        assertTrue(md.contains("| abort 0.90 | silent |"), md);
        assertTrue(md.contains("| failed, with warning signs (1) | 1 (100%) | 0 (0%) | 0 (0%) | 0 (0%) | 0 (0%) | – / – |"), md);
        assertTrue(md.contains("1 kept compatible resources"), md);
        assertTrue(md.contains("| DB_SCHEMA | 1 | 0 | 0 |"), md);
    }
}
