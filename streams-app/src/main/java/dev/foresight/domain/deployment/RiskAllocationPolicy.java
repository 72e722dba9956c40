package dev.foresight.domain.deployment;

import dev.foresight.schema.state.HostRiskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a host's risk into allocation moves, with hysteresis: a level is entered (and its command sent)
 * once risk reaches its threshold, and left (and its command reverted) only after risk falls below the
 * threshold minus a margin and the host has dwelt in the level a minimum time, so a risk that hovers
 * around a threshold does not flap commands. Works on the host's state, no Kafka types.
 */
public final class RiskAllocationPolicy {

    /** ENTER sends the level's command; LEAVE reverts it; EXPIRE reverts a boost whose time ran out. */
    public enum Move { ENTER, LEAVE, EXPIRE }

    public record Step(RiskLevel level, Move move) {
    }

    private final RiskAllocationSettings settings;

    public RiskAllocationPolicy(RiskAllocationSettings settings) {
        this.settings = settings;
    }

    /** @param saturated whether CPU or memory is near its limit: a boost only helps then */
    public List<Step> onScore(HostRiskState host, double risk, boolean saturated, Instant now) {
        List<Step> steps = new ArrayList<>();
        for (RiskLevel level : RiskLevel.values()) {
            Long enteredAt = host.getLevels().get(level.name());
            double threshold = settings.threshold(level);
            if (enteredAt == null && risk >= threshold && (level != RiskLevel.BOOST || saturated)) {
                host.getLevels().put(level.name(), now.toEpochMilli());
                if (level == RiskLevel.BOOST) {
                    host.setBoostExpiresAt(now.plus(settings.boostFor()));
                }
                steps.add(new Step(level, Move.ENTER));
            } else if (enteredAt != null && risk < threshold - settings.margin()
                    && now.toEpochMilli() - enteredAt >= settings.minDwell().toMillis()) {
                leave(host, level).ifPresent(steps::add);
            }
        }
        return steps;
    }

    /** Enters a level whatever the risk (the host's trouble is known otherwise); reverted like any other. */
    public Step enter(HostRiskState host, RiskLevel level, Instant now) {
        host.getLevels().put(level.name(), now.toEpochMilli());
        return new Step(level, Move.ENTER);
    }

    /** A boost that outlived its time is reverted; the host stays in the level until risk falls, so it is not boosted again. */
    public Optional<Step> onTick(HostRiskState host, Instant now) {
        if (host.getBoostExpiresAt() != null && !now.isBefore(host.getBoostExpiresAt())) {
            host.setBoostExpiresAt(null);
            return Optional.of(new Step(RiskLevel.BOOST, Move.EXPIRE));
        }
        return Optional.empty();
    }

    /** Leaves every level at once: the deployment is over. */
    public List<Step> releaseAll(HostRiskState host) {
        List<Step> steps = new ArrayList<>();
        for (RiskLevel level : RiskLevel.values()) {
            if (host.getLevels().containsKey(level.name())) {
                leave(host, level).ifPresent(steps::add);
            }
        }
        return steps;
    }

    public double threshold(RiskLevel level) {
        return settings.threshold(level);
    }

    public double exitThreshold(RiskLevel level) {
        return settings.threshold(level) - settings.margin();
    }

    /** Nothing to revert for a boost that already expired. */
    private static Optional<Step> leave(HostRiskState host, RiskLevel level) {
        host.getLevels().remove(level.name());
        if (level == RiskLevel.BOOST) {
            boolean active = host.getBoostExpiresAt() != null;
            host.setBoostExpiresAt(null);
            return active ? Optional.of(new Step(level, Move.LEAVE)) : Optional.empty();
        }
        return Optional.of(new Step(level, Move.LEAVE));
    }
}
