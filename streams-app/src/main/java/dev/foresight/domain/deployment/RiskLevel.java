package dev.foresight.domain.deployment;

/** What the allocator does for a host, in order of rising risk. */
public enum RiskLevel {
    THROTTLE, BOOST, SHIFT_TRAFFIC, SCALE_DEPENDENTS
}
