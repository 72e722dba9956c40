package dev.foresight.predict.workflow;

/** What one completed action of a workflow actually used. Units as in {@code ResourceUsage}. */
public record ActionObservation(
        String actionType, double cpuCores, double memoryMb, double networkMb, double cost, double durationMs) {
}
