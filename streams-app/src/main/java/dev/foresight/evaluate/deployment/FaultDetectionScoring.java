package dev.foresight.evaluate.deployment;

import dev.foresight.producers.sim.DeploymentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores the guardian's risk scores against the simulator's ground truth, per deployment. A deployment
 * counts as flagged when one of its hosts' risk reached the threshold before the deployment ended (for a
 * failure: before it failed), so only warnings that could have been acted on count. Lead time is how
 * long before the failure the first crossing came; delay is how long after the first warning signs.
 */
public final class FaultDetectionScoring {

    private FaultDetectionScoring() {
    }

    public static Detection score(String action, double threshold, List<DeploymentOutcome> outcomes,
                                  List<RiskObservation> risks) {
        Map<String, Instant> firstCrossing = firstCrossings(outcomes, risks, threshold);
        Confusion warned = Confusion.EMPTY;
        Confusion silent = Confusion.EMPTY;
        Confusion all = Confusion.EMPTY;
        List<Duration> leadTimes = new ArrayList<>();
        List<Duration> delays = new ArrayList<>();
        for (DeploymentOutcome outcome : outcomes) {
            Instant crossing = firstCrossing.get(outcome.deploymentId());
            boolean flagged = crossing != null;
            all = all.add(flagged, outcome.failed());
            if (!outcome.failed() || !outcome.hadWarningSigns()) {
                silent = silent.add(flagged, outcome.failed());
            }
            if (outcome.failed() && !outcome.hadWarningSigns()) {
                continue;
            }
            warned = warned.add(flagged, outcome.failed());
            if (flagged && outcome.failed()) {
                leadTimes.add(Duration.between(crossing, outcome.endedAt()));
                outcome.warningStartedAt().ifPresent(start -> delays.add(Duration.between(start, crossing)));
            }
        }
        return new Detection(action, threshold, warned, silent, all, leadTimes, delays);
    }

    private static Map<String, Instant> firstCrossings(List<DeploymentOutcome> outcomes, List<RiskObservation> risks,
                                                       double threshold) {
        Map<String, DeploymentOutcome> byId = new HashMap<>();
        outcomes.forEach(outcome -> byId.put(outcome.deploymentId(), outcome));
        Map<String, Instant> first = new HashMap<>();
        for (RiskObservation risk : risks) {
            DeploymentOutcome outcome = byId.get(risk.deploymentId());
            if (outcome != null && risk.risk() >= threshold && risk.at().isBefore(outcome.endedAt())) {
                first.merge(risk.deploymentId(), risk.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return first;
    }
}
