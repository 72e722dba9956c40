package dev.foresight.domain.orchestration;

import java.time.Instant;

/** One probe of one instance, as the orchestrator sees it; {@code slot} is null for a single-slot service. */
public record HealthCheck(String serviceId, String instanceId, String version, String slot, Instant at,
                          HealthInputs inputs) {
}
