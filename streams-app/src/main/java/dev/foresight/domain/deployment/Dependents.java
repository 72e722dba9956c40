package dev.foresight.domain.deployment;

import dev.foresight.domain.orchestration.ServiceGraph;
import dev.foresight.schema.commands.StartupPlan;
import dev.foresight.schema.events.DeploymentStarted;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The services a deployment's SCALE_DEPENDENTS scales: every service that calls it, directly or through
 * others, in its environment's service graph (the orchestration's last plan of that environment); the
 * publisher's list when the deployment names no environment, the environment has no valid plan, or the
 * service is not in it. Resolved once at the start, so a revert reaches the services the scale did even if
 * the graph changes meanwhile; {@link #from()} says which it is and why, for the decision's evidence.
 */
public record Dependents(List<String> services, String from) {

    public Dependents {
        services = List.copyOf(services);
    }

    /** @param plans an environment's last startup plan, if any */
    public static Dependents of(String serviceId, DeploymentStarted started,
                                Function<String, Optional<StartupPlan>> plans) {
        String environment = started.getEnvironment();
        if (environment == null) {
            return published(started, "no environment given");
        }
        Optional<StartupPlan> plan = plans.apply(environment);
        if (plan.isEmpty()) {
            return published(started, "no service graph of " + environment + " yet");
        }
        if (!plan.get().getValid()) {
            return published(started, environment + "'s service graph is not valid");
        }
        if (!plan.get().getDependencies().containsKey(serviceId)) {
            return published(started, serviceId + " is not in " + environment + "'s service graph");
        }
        return new Dependents(List.copyOf(ServiceGraph.of(plan.get().getDependencies()).dependentsOf(serviceId)),
                environment + "'s service graph, transitively (plan " + plan.get().getPlanId() + ")");
    }

    private static Dependents published(DeploymentStarted started, String why) {
        return new Dependents(started.getDependents(), "the publisher's list: " + why);
    }
}
