package dev.foresight.domain.orchestration;

/** One environment as the orchestrator runs it: its name, its service graph and its orchestrator. */
public record OrchestratedEnvironment(String name, ServiceGraph graph, ServiceOrchestrator orchestrator) {
}
