package dev.foresight.domain.orchestration;

import dev.foresight.domain.orchestration.BlueGreenState.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Blue-green switching: a new version in the idle slot is validated on its own checks; after
 * {@code healthyChecks} passed in a row traffic moves to it. If the now active version fails within
 * {@code revertWindow}, traffic goes back to the standby. A candidate that fails before the switch is
 * rejected and never switched to.
 */
public final class BlueGreen {

    /** What blue-green asks for after a check. */
    public sealed interface Action {
    }

    public record Switch(String toSlot, String fromVersion, String toVersion) implements Action {
    }

    public record Revert(String toSlot, String failedVersion, String restoredVersion, Duration afterSwitch)
            implements Action {
    }

    public record Reject(String version, int passedChecks) implements Action {
    }

    public record Step(BlueGreenState state, Optional<Action> action) {
    }

    private final int healthyChecks;
    private final Duration revertWindow;

    public BlueGreen(int healthyChecks, Duration revertWindow) {
        if (healthyChecks < 1 || revertWindow.isNegative()) {
            throw new IllegalArgumentException("need healthyChecks >= 1 and revertWindow >= 0");
        }
        this.healthyChecks = healthyChecks;
        this.revertWindow = revertWindow;
    }

    /** A check of the slot not serving traffic. The standby and a rejected version are ignored. */
    public Step onCandidateCheck(BlueGreenState s, String slot, String version, boolean failed, Instant now) {
        if (version.equals(s.standbyVersion()) || version.equals(s.rejectedVersion())
                || version.equals(s.activeVersion())) {
            return none(s);
        }
        int passed = version.equals(s.candidateVersion()) && s.phase() == Phase.VALIDATING ? s.healthyChecks() : 0;
        if (failed) {
            return new Step(new BlueGreenState(s.phase() == Phase.VALIDATING ? Phase.IDLE : s.phase(), s.activeSlot(),
                    s.activeVersion(), s.standbyVersion(), "", version, 0, s.switchedAt()),
                    Optional.of(new Reject(version, passed)));
        }
        if (passed + 1 < healthyChecks) {
            return none(new BlueGreenState(Phase.VALIDATING, s.activeSlot(), s.activeVersion(), s.standbyVersion(),
                    version, s.rejectedVersion(), passed + 1, s.switchedAt()));
        }
        return new Step(new BlueGreenState(Phase.SWITCHED, slot, version, s.activeVersion(), "", s.rejectedVersion(),
                0, now), Optional.of(new Switch(slot, s.activeVersion(), version)));
    }

    /**
     * A check of the slot serving traffic. The first one names the active version; after a switch a
     * failure inside the window reverts, and the first check after the window ends it.
     */
    public Step onServingCheck(BlueGreenState s, String version, boolean failed, Instant now) {
        if (s.activeVersion().isEmpty()) {
            return none(new BlueGreenState(s.phase(), s.activeSlot(), version, s.standbyVersion(), s.candidateVersion(),
                    s.rejectedVersion(), s.healthyChecks(), s.switchedAt()));
        }
        if (s.phase() != Phase.SWITCHED) {
            return none(s);
        }
        Instant switchedAt = s.switchedAt();
        Duration since = Duration.between(switchedAt, now);
        if (since.compareTo(revertWindow) > 0) {
            return none(new BlueGreenState(Phase.IDLE, s.activeSlot(), s.activeVersion(), s.standbyVersion(), "",
                    s.rejectedVersion(), 0, switchedAt));
        }
        if (!failed) {
            return none(new BlueGreenState(Phase.SWITCHED, s.activeSlot(), s.activeVersion(), s.standbyVersion(), "",
                    s.rejectedVersion(), 0, switchedAt));
        }
        String back = otherSlot(s.activeSlot());
        return new Step(new BlueGreenState(Phase.IDLE, back, s.standbyVersion(), s.activeVersion(), "",
                s.activeVersion(), 0, null),
                Optional.of(new Revert(back, s.activeVersion(), s.standbyVersion(), since)));
    }

    private static String otherSlot(String slot) {
        return BlueGreenState.BLUE.equals(slot) ? "green" : BlueGreenState.BLUE;
    }

    private static Step none(BlueGreenState s) {
        return new Step(s, Optional.empty());
    }
}
