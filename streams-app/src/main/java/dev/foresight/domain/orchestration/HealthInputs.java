package dev.foresight.domain.orchestration;

/**
 * What one health check reports. Error rate and resource use are optional: a probe that does not report
 * them is scored on the rest.
 */
public record HealthInputs(boolean healthy, double latencyMs, Double errorRate, Double cpuUtilization,
                           Double memoryUtilization) {
}
