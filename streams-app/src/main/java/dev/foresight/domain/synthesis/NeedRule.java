package dev.foresight.domain.synthesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When to synthesize one stage type, and from which template.
 *
 * <p>A {@link Trigger#RATIO} rule forecasts its series as a ratio to the series' baseline; a
 * {@link Trigger#COUNT} rule counts events of its series in {@code window} and adds the recent rate
 * times the lead time; either synthesizes when the forecast reaches {@code multiplier × needLevel}
 * within the lead time, the pair chosen by the bandit from {@code multipliers × leadTimes} (the safe
 * grid). The need has arrived when the measure itself reaches {@code needLevel}. An
 * {@link Trigger#ANOMALY} rule synthesizes when a series of it raises an anomaly alert.
 *
 * @param parameter      the template parameter set from the forecast: {@code ceil(forecast × parameterScale)}
 * @param activeFor      how long a synthesized stage stays in force; zero for good
 * @param provisioning   how long the stage needs after synthesis to be ready
 */
public record NeedRule(String stageType, String templateId, Trigger trigger, List<String> metrics, double needLevel,
                       Duration window, String parameter, double parameterScale, Duration activeFor,
                       Duration provisioning, List<Double> multipliers, List<Duration> leadTimes) {

    /** What fires the rule. */
    public enum Trigger { RATIO, COUNT, ANOMALY }

    /** One cell of the grid. */
    public record Arm(double multiplier, Duration leadTime) {
    }

    public NeedRule {
        metrics = List.copyOf(metrics);
        multipliers = List.copyOf(multipliers);
        leadTimes = List.copyOf(leadTimes);
        if (trigger != Trigger.ANOMALY && (multipliers.isEmpty() || leadTimes.isEmpty())) {
            throw new IllegalArgumentException(stageType + ": a forecast rule needs multipliers and lead times");
        }
        if (multipliers.stream().anyMatch(m -> m < 0.25 || m > 4)) {
            throw new IllegalArgumentException(stageType + ": multipliers must lie in [0.25, 4]");
        }
        if (leadTimes.stream().anyMatch(l -> l.isNegative() || l.isZero() || l.compareTo(Duration.ofDays(2)) > 0)) {
            throw new IllegalArgumentException(stageType + ": lead times must lie in (0, 2 days]");
        }
    }

    public List<Arm> arms() {
        List<Arm> arms = new ArrayList<>();
        multipliers.forEach(m -> leadTimes.forEach(l -> arms.add(new Arm(m, l))));
        return arms;
    }

    public boolean tuned() {
        return trigger != Trigger.ANOMALY;
    }

    public boolean watches(String metric) {
        return metrics.contains(metric);
    }
}
