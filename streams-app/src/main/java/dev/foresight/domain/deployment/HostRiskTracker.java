package dev.foresight.domain.deployment;

import dev.foresight.domain.deployment.RiskAllocationPolicy.Move;
import dev.foresight.domain.deployment.RiskAllocationPolicy.Step;
import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.DeploymentState;
import dev.foresight.schema.state.HostBaseline;
import dev.foresight.schema.state.HostRiskState;
import dev.foresight.schema.state.HostWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The predictive part of the guardian for one host: folds samples into short windows, scores each
 * closed window against the host's baseline, moves the host through the allocation levels, and says
 * when risk has stayed high long enough to abort. No Kafka types: the processor stores the states.
 */
public final class HostRiskTracker {

    /**
     * What one sample led to; {@code abort} when the host held abort-level risk for long enough,
     * {@code learned} when the model learned from a window that outlived the label horizon.
     */
    public record Assessment(List<GuardOutput> outputs, boolean abort, boolean learned) {
        static final Assessment NOTHING = new Assessment(List.of(), false, false);
    }

    private final DeploymentSettings settings;
    private final RiskModel model;
    private final RiskAllocationPolicy policy;
    private final GuardCommands commands;

    public HostRiskTracker(DeploymentSettings settings, RiskModel model, RiskAllocationPolicy policy, GuardCommands commands) {
        this.settings = settings;
        this.model = model;
        this.policy = policy;
        this.commands = commands;
    }

    /** @param peers the states of the deployment's other hosts; asked for only when a window closes */
    public Assessment onSample(DeploymentState deployment, HostRiskState host, TelemetryEvent sample, Instant at,
                        Supplier<List<HostRiskState>> peers) {
        Optional<HostWindow> closed = HostWindows.add(host, sample, settings.window(), settings.trendWindows());
        return closed.map(window -> score(deployment, host, window, at, peers.get())).orElse(Assessment.NOTHING);
    }

    /**
     * A host continuous host risk already held in alert before the rollout started is degrading on its own:
     * traffic is shifted away from it as soon as its baseline arrives, before any window of the rollout, and
     * the rollout is neither throttled nor aborted on it ({@link #score}); the shift is reverted with the rest
     * when the deployment ends.
     */
    public List<GuardOutput> onBaseline(DeploymentState deployment, HostRiskState host, Instant at) {
        if (!degradedBeforeRollout(deployment, host) || host.getLevels().containsKey(RiskLevel.SHIFT_TRAFFIC.name())) {
            return List.of();
        }
        HostBaseline baseline = host.getBaseline();
        String why = String.format(Locale.ROOT, "host already degrading before the rollout: continuous host risk "
                        + "%.2f, in alert since %s, before the rollout started at %s; traffic shifted away from it "
                        + "instead of throttling the rollout on it", baseline.getHostRisk(),
                baseline.getHostRiskAlertingSince(), deployment.getStartedAt());
        Step step = policy.enter(host, RiskLevel.SHIFT_TRAFFIC, at);
        return allocations(step, deployment, host, Map.of("hostRisk", baseline.getHostRisk()), at, why);
    }

    static boolean degradedBeforeRollout(DeploymentState deployment, HostRiskState host) {
        return HostBaselines.alertingBefore(host.getBaseline(), deployment.getStartedAt());
    }

    public List<GuardOutput> onTick(DeploymentState deployment, HostRiskState host, Instant now) {
        return policy.onTick(host, now)
                .map(step -> allocations(step, deployment, host, riskInputs(host), now, "boost expired"))
                .orElse(List.of());
    }

    /** Reverts everything still in force on the host. */
    public List<GuardOutput> release(DeploymentState deployment, HostRiskState host, Instant now, String why) {
        List<GuardOutput> outputs = new ArrayList<>();
        for (Step step : policy.releaseAll(host)) {
            outputs.addAll(allocations(step, deployment, host, riskInputs(host), now, why));
        }
        return outputs;
    }

    private Assessment score(DeploymentState deployment, HostRiskState host, HostWindow window, Instant at,
                             List<HostRiskState> peers) {
        if (host.getBaseline() == null) {
            host.setBaseline(HostWindows.asBaseline(host.getHostId(), window));
        }
        HostFeatures.Window recent = HostWindows.means(window);
        double[] features = HostFeatures.extract(recent, HostBaselines.means(host.getBaseline()),
                HostFeatures.trendPerMinute(host.getMemoryMeans(), settings.window()), stepsPerMinute(deployment, at),
                peers.stream().flatMap(peer -> sameWindow(peer, window.getStart()).stream()).toList());
        double risk = model.score(features);
        host.setLastScore(risk);
        boolean learned = remember(host, features);

        List<GuardOutput> outputs = new ArrayList<>();
        outputs.add(new GuardOutput.Risk(commands.riskScore(host, risk, features, model.version(), at)));
        if (degradedBeforeRollout(deployment, host)) {
            return new Assessment(outputs, false, learned);
        }
        double saturation = settings.allocation().saturation();
        boolean saturated = recent.cpuMean() >= saturation || recent.memoryMean() >= saturation;
        Map<String, Double> inputs = new HashMap<>(HostFeatures.named(features));
        inputs.put("risk", risk);
        for (Step step : policy.onScore(host, risk, saturated, at)) {
            outputs.addAll(allocations(step, deployment, host, inputs, at, explain(step, risk, saturated)));
        }
        return new Assessment(outputs, heldHighRisk(host, risk, at), learned);
    }

    /**
     * A peer's features over the same window as the host's: its open window if it has not closed that one
     * yet (samples of hosts are seconds apart), else its last scored one. Comparing with an older window
     * would take anything that just reached every host (a burst) for this host's own trouble.
     */
    private static Optional<double[]> sameWindow(HostRiskState peer, Instant start) {
        HostWindow open = peer.getWindow();
        if (open == null || open.getStart().isBefore(start)) {
            return Optional.empty();
        }
        if (open.getStart().equals(start)) {
            return peer.getBaseline() == null ? Optional.empty() : Optional.of(HostFeatures.extract(
                    HostWindows.means(open), HostBaselines.means(peer.getBaseline()), 0, 0, List.of()));
        }
        List<List<Double>> scored = peer.getRecentFeatures();
        return scored.isEmpty() ? Optional.empty()
                : Optional.of(scored.get(scored.size() - 1).stream().mapToDouble(Double::doubleValue).toArray());
    }

    private boolean heldHighRisk(HostRiskState host, double risk, Instant at) {
        if (risk < settings.abortRisk()) {
            host.setHighRiskSince(null);
            return false;
        }
        if (host.getHighRiskSince() == null) {
            host.setHighRiskSince(at);
        }
        return !Duration.between(host.getHighRiskSince(), at).minus(settings.abortAfter()).isNegative();
    }

    private List<GuardOutput> allocations(Step step, DeploymentState deployment, HostRiskState host,
                                          Map<String, Double> inputs, Instant at, String why) {
        return commands.allocation(step, host, deployment, inputs, model.version(), at, why).stream()
                .<GuardOutput>map(GuardOutput.Allocation::new)
                .toList();
    }

    /**
     * Keeps the window until the outcome labels it. A window pushed out is a label horizon old and the
     * host has not failed since, so it is a success whatever happens next: learned now. Otherwise only
     * the end of each deployment would be learned from, and whatever marks that phase (the velocity of a
     * rollout that is baking, not installing) would pass for a sign of success.
     *
     * @return whether the model learned
     */
    private boolean remember(HostRiskState host, double[] features) {
        List<List<Double>> recent = new ArrayList<>(host.getRecentFeatures());
        recent.add(Arrays.stream(features).boxed().toList());
        int outlived = Math.max(0, recent.size() - settings.labelWindows());
        recent.subList(0, outlived).forEach(old -> model.learn(old.stream().mapToDouble(Double::doubleValue).toArray(), false));
        host.setRecentFeatures(new ArrayList<>(recent.subList(outlived, recent.size())));
        return outlived > 0;
    }

    private String explain(Step step, double risk, boolean saturated) {
        String level = step.level().name().toLowerCase(Locale.ROOT);
        if (step.move() == Move.ENTER) {
            return String.format(Locale.ROOT, "risk %.2f reached the %s threshold %.2f%s", risk, level,
                    policy.threshold(step.level()), saturated ? " on a saturated host" : "");
        }
        return String.format(Locale.ROOT, "risk %.2f fell below the %s exit threshold %.2f after the minimum dwell",
                risk, level, policy.exitThreshold(step.level()));
    }

    /** Host steps the deployment completed per minute since it started; the first minute counts as a whole one. */
    private static double stepsPerMinute(DeploymentState deployment, Instant at) {
        double minutes = Math.max(1, Duration.between(deployment.getStartedAt(), at).toMillis() / 60_000.0);
        return deployment.getStepsCompleted() / minutes;
    }

    private static Map<String, Double> riskInputs(HostRiskState host) {
        return Map.of("risk", host.getLastScore() == null ? 0 : host.getLastScore());
    }
}
