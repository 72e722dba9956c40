package dev.foresight.domain.orchestration;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** Scores a check and runs it through SLA, recovery, breaker and blue-green under one environment's policy. */
public final class ServiceOrchestrator {

    private final EnvironmentPolicy policy;
    private final HealthScorer scorer;
    private final Recovery recovery;
    private final CircuitBreaker breaker;
    private final BlueGreen blueGreen;

    public ServiceOrchestrator(EnvironmentPolicy policy) {
        this.policy = policy;
        this.scorer = HealthScorer.withWeights(policy.weights());
        this.recovery = new Recovery(policy.recovery());
        this.breaker = new CircuitBreaker(policy.breaker());
        this.blueGreen = new BlueGreen(policy.greenHealthyChecks(), policy.revertWindow());
    }

    public EnvironmentPolicy policy() {
        return policy;
    }

    /** @param upstreamFailing whether a dependency of the service is failing, so its failure is not its own */
    public Evaluation evaluate(ServiceStatus s, HealthCheck check, boolean upstreamFailing) {
        HealthScore score = scorer.score(check.inputs());
        if (s.blueGreen().isCandidate(check.slot())) {
            BlueGreen.Step step = blueGreen.onCandidateCheck(s.blueGreen(), check.slot(), check.version(),
                    score.failed(), check.at());
            ServiceStatus next = new ServiceStatus(s.lastFailed(), s.lastCheckAt(), s.degradedBy(), s.recovery(),
                    s.breaker(), step.state(), s.sla(), s.lastIncidentFrom(), s.lastIncidentTo());
            return new Evaluation(next, score, true, availability(s.sla(), check.at()), slaMet(s.sla(), check.at()),
                    Optional.empty(), Optional.empty(), step.action());
        }
        return serving(s, check, score, upstreamFailing);
    }

    private Evaluation serving(ServiceStatus s, HealthCheck check, HealthScore score, boolean upstreamFailing) {
        Instant now = check.at();
        boolean failed = score.failed();
        SlaWindows sla = s.sla().record(now, !failed);
        Recovery.Step recovered = failed
                ? recovery.onFailure(s.recovery(), now, !upstreamFailing, seed(check.serviceId()))
                : recovery.onSuccess(s.recovery(), now);
        CircuitBreaker.Transition tripped = upstreamFailing && failed
                ? new CircuitBreaker.Transition(s.breaker(), Optional.empty())
                : breaker.onCheck(s.breaker(), failed, now);
        BlueGreen.Step switched = blueGreen.onServingCheck(s.blueGreen(), check.version(), failed, now);
        Instant lastCheckAt = s.lastCheckAt() == null || now.isAfter(s.lastCheckAt()) ? now : s.lastCheckAt();
        Optional<Recovery.Recovered> ended = recovered.action().filter(a -> a instanceof Recovery.Recovered)
                .map(a -> (Recovery.Recovered) a);
        ServiceStatus next = new ServiceStatus(failed, lastCheckAt, s.degradedBy(), recovered.state(), tripped.state(),
                switched.state(), sla, ended.map(Recovery.Recovered::failingSince).orElse(s.lastIncidentFrom()),
                ended.isPresent() ? now : s.lastIncidentTo());
        return new Evaluation(next, score, false, availability(sla, now), slaMet(sla, now), recovered.action(),
                tripped.entered(), switched.action());
    }

    /** The dependencies (direct or not) of {@code serviceId} whose breakers are not closed, sorted. */
    public static List<String> degradationCauses(ServiceGraph graph, String serviceId, Predicate<String> notClosed) {
        return graph.dependenciesOf(serviceId).stream().filter(notClosed).sorted().toList();
    }

    private Map<String, Double> availability(SlaWindows sla, Instant now) {
        Map<String, Double> windows = new LinkedHashMap<>();
        windows.put("1h", sla.availability(SlaWindows.HOUR, now));
        windows.put("24h", sla.availability(SlaWindows.DAY, now));
        return windows;
    }

    private boolean slaMet(SlaWindows sla, Instant now) {
        return availability(sla, now).values().stream().allMatch(a -> a >= policy.slaTarget());
    }

    private static long seed(String serviceId) {
        return serviceId.hashCode() * 0x9E3779B97F4A7C15L;
    }
}
