package dev.foresight.topology.orchestration;

/** The topics the orchestration writes, wired in by the application topology. */
public record OrchestrationTopics(String plans, String commands, String health, String alerts, String rollbacks) {
}
