package dev.foresight.domain.orchestration;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One health check: load the service and whether its dependencies fail, evaluate, store, and turn the
 * evaluation into outputs. A breaker that opens or closes re-derives the degradation of every service
 * downstream of it, so dependents are degraded and restored with it.
 */
public final class CheckHandler {

    /** Reads a service's status from the store (initial when absent). */
    public interface Loader {
        ServiceStatus load(String environment, String serviceId);
    }

    public interface Saver {
        void store(String environment, String serviceId, ServiceStatus status);
    }

    private final OrchestratedEnvironment env;
    private final Loader loader;
    private final Saver saver;
    private final Consumer<OrchestrationOutput> out;
    private final Duration silence;

    public CheckHandler(OrchestratedEnvironment env, Duration silence, Loader loader, Saver saver,
                 Consumer<OrchestrationOutput> out) {
        this.env = env;
        this.silence = silence;
        this.loader = loader;
        this.saver = saver;
        this.out = out;
    }

    public void handle(HealthCheck check, String eventId, long wallClockMs) {
        String service = check.serviceId();
        ServiceGraph graph = env.graph();
        boolean upstreamFailing = graph.dependenciesOf(service).stream()
                .anyMatch(dependency -> loader.load(env.name(), dependency).failingForDependents(check.at(), silence));
        Evaluation e = env.orchestrator().evaluate(loader.load(env.name(), service), check, upstreamFailing);
        saver.store(env.name(), service, e.status());
        OrchestrationCommands commands = new OrchestrationCommands(env.name(), service, eventId, check.at());
        EnvironmentPolicy policy = env.orchestrator().policy();
        if (!e.candidate()) {
            out.accept(new OrchestrationOutput.Health(commands.health(check.instanceId(), e, policy, wallClockMs)));
        }
        e.recovery().ifPresent(action -> recovery(action, commands, policy));
        e.breakerEntered().ifPresent(phase -> breaker(service, phase, e.status().breaker(), commands));
        e.blueGreen().ifPresent(action -> blueGreen(action, commands, policy));
    }

    private void recovery(Recovery.Action action, OrchestrationCommands commands, EnvironmentPolicy policy) {
        if (action instanceof Recovery.Restart restart) {
            out.accept(new OrchestrationOutput.Command(commands.restart(restart, policy)));
        } else if (action instanceof Recovery.Escalate escalate) {
            out.accept(new OrchestrationOutput.Command(commands.escalate(escalate)));
            out.accept(new OrchestrationOutput.Notice(commands.escalationAlert(escalate)));
        }
    }

    private void breaker(String service, BreakerState.Phase entered, BreakerState state,
                         OrchestrationCommands commands) {
        List<String> callers = env.graph().directDependentsOf(service).stream().sorted().toList();
        out.accept(new OrchestrationOutput.Command(commands.breaker(entered, state, callers)));
        if (entered != BreakerState.Phase.HALF_OPEN) {
            rederiveDegradation(env.graph().dependentsOf(service), commands);
        }
    }

    private void rederiveDegradation(Set<String> downstream, OrchestrationCommands commands) {
        for (String dependent : downstream) {
            ServiceStatus status = loader.load(env.name(), dependent);
            List<String> causes = ServiceOrchestrator.degradationCauses(env.graph(), dependent,
                    dependency -> !loader.load(env.name(), dependency).breaker().isClosed());
            if (causes.equals(status.degradedBy())) {
                continue;
            }
            saver.store(env.name(), dependent, status.withDegradedBy(causes));
            OrchestrationCommands forDependent = commands.forService(dependent);
            out.accept(new OrchestrationOutput.Command(causes.isEmpty() ? forDependent.restore()
                    : forDependent.degrade(causes)));
        }
    }

    private void blueGreen(BlueGreen.Action action, OrchestrationCommands commands, EnvironmentPolicy policy) {
        if (action instanceof BlueGreen.Switch s) {
            out.accept(new OrchestrationOutput.Command(commands.switchTraffic(s, policy.greenHealthyChecks())));
        } else if (action instanceof BlueGreen.Revert r) {
            out.accept(new OrchestrationOutput.Command(commands.revertTraffic(r)));
            out.accept(new OrchestrationOutput.Rollback(commands.rollback(r)));
        } else if (action instanceof BlueGreen.Reject r) {
            out.accept(new OrchestrationOutput.Notice(commands.rejectionAlert(r)));
        }
    }
}
