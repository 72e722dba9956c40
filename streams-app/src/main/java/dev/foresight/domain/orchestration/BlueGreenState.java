package dev.foresight.domain.orchestration;

import java.time.Instant;

/**
 * A blue-green service: the slot and version serving traffic, the standby version in the other slot,
 * the candidate being validated and its passed checks, the last version rejected, and when traffic moved.
 */
public record BlueGreenState(Phase phase, String activeSlot, String activeVersion, String standbyVersion,
                             String candidateVersion, String rejectedVersion, int healthyChecks,
                             Instant switchedAt) {

    public enum Phase { IDLE, VALIDATING, SWITCHED }

    public static final String BLUE = "blue";

    public static BlueGreenState initial() {
        return new BlueGreenState(Phase.IDLE, BLUE, "", "", "", "", 0, null);
    }

    /** A check from a slot other than the active one comes from the candidate (or the standby). */
    public boolean isCandidate(String slot) {
        return slot != null && !slot.equals(activeSlot);
    }
}
