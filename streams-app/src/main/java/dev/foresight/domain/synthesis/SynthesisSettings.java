package dev.foresight.domain.synthesis;

import dev.foresight.domain.synthesis.NeedRule.Trigger;
import java.time.Duration;
import java.util.List;

/**
 * The rules, the harm test and the bottleneck search.
 *
 * @param minObservations minutes a ratio series is watched before its forecast can trigger
 * @param confirmWindow   after a synthesis, how long the need may take to arrive before it counts as a false alarm
 * @param cooldown        after a rollback, how long the stage is not synthesized again
 * @param bottleneckEvery runs between two critical-path reports
 * @param shardAbove      a test stage on the critical path slower than this on average gets split into shards
 * @param shardTarget     the duration each shard should take
 */
public record SynthesisSettings(List<NeedRule> rules, HarmSettings harm, int minObservations, Duration confirmWindow,
                                Duration cooldown, int bottleneckEvery, Duration shardAbove, Duration shardTarget) {

    public SynthesisSettings {
        rules = List.copyOf(rules);
    }

    public static SynthesisSettings defaults() {
        return new SynthesisSettings(List.of(scaling(), extendedTests(), dependencyUpdates(), featureReleases(),
                canaryDeployments()), HarmSettings.defaults(), 30, Duration.ofMinutes(60), Duration.ofHours(6), 10,
                Duration.ofMinutes(15), Duration.ofMinutes(5));
    }

    /**
     * Scale out when per-host request rate is forecast at 1.6 × its baseline (the simulated hosts saturate
     * at 2.2 ×), with two replicas per unit of forecast ratio, for an hour; the grid spans triggering at
     * 0.8–1.0 of the need with 10–30 minutes of lead. No trigger above the need: such a rule fires only once
     * the forecast overshoots the need, which a ramp that peaks just above it never does before its peak.
     */
    static NeedRule scaling() {
        return new NeedRule("scaling", "scaling", Trigger.RATIO, List.of("request-rate"), 1.6, Duration.ZERO,
                "replicas", 2, Duration.ofHours(1), Duration.ofMinutes(5), List.of(0.8, 0.9, 1.0),
                List.of(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(30)));
    }

    static NeedRule extendedTests() {
        return new NeedRule("test", "test-extended", Trigger.ANOMALY, List.of("test-duration", "build-time"), 0,
                Duration.ZERO, "suites", 0, Duration.ZERO, Duration.ZERO, List.of(), List.of());
    }

    static NeedRule dependencyUpdates() {
        return new NeedRule("dependency-update", "dependency-update", Trigger.COUNT,
                List.of("vulnerabilities-high", "vulnerabilities-critical"), 2, Duration.ofDays(1), "maxUpdates", 1,
                Duration.ofDays(1), Duration.ofMinutes(30), List.of(0.5, 1.0), List.of(Duration.ofHours(6),
                Duration.ofHours(12)));
    }

    static NeedRule featureReleases() {
        return new NeedRule("feature-release", "feature-release", Trigger.COUNT, List.of("commits"), 12,
                Duration.ofHours(6), "batch", 1, Duration.ofHours(6), Duration.ofMinutes(10), List.of(0.75, 1.0),
                List.of(Duration.ofHours(1), Duration.ofHours(2)));
    }

    static NeedRule canaryDeployments() {
        return new NeedRule("deployment", "deployment-canary", Trigger.COUNT, List.of("deployments"), 6,
                Duration.ofHours(2), "canaryPercent", 0, Duration.ofHours(2), Duration.ofMinutes(5),
                List.of(0.75, 1.0), List.of(Duration.ofMinutes(30), Duration.ofHours(1)));
    }

    /** These settings with other rules, for tests and the evaluation. */
    public SynthesisSettings withRules(List<NeedRule> other) {
        return new SynthesisSettings(other, harm, minObservations, confirmWindow, cooldown, bottleneckEvery,
                shardAbove, shardTarget);
    }

    public SynthesisSettings withMinObservations(int other) {
        return new SynthesisSettings(rules, harm, other, confirmWindow, cooldown, bottleneckEvery, shardAbove,
                shardTarget);
    }
}
