package dev.foresight.domain.workflow;

import dev.foresight.schema.state.PredictionSource;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * When a reservation needs an operator: when neither the model nor history can vouch for it. That is an
 * allocation no pool reservation can ever serve (more than the whole pool), or an allocation by a rule that
 * has no history of the action type (the request, a share of it, the default) asking for more than
 * {@code maxShareOfPool} of the pool: one unknown action taking most of the pool on its own word.
 *
 * @param enabled        false never asks (the rules and the pool decide alone, as before)
 * @param maxShareOfPool of cpu or memory, in (0, 1]
 * @param timeout        how long the action waits for the answer (wall clock); then the rules decide
 */
public record InterventionPolicy(boolean enabled, double maxShareOfPool, Duration timeout) {

    public InterventionPolicy {
        if (!(maxShareOfPool > 0 && maxShareOfPool <= 1)) {
            throw new IllegalArgumentException("maxShareOfPool must be in (0, 1]: " + maxShareOfPool);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the intervention timeout must be positive: " + timeout);
        }
    }

    public static InterventionPolicy defaults() {
        return new InterventionPolicy(true, 0.5, Duration.ofMinutes(15));
    }

    public static InterventionPolicy off() {
        return new InterventionPolicy(false, 1, Duration.ofMinutes(15));
    }

    /** Why {@code plan} needs an operator in a pool of {@code capacity}, or empty when the rules may decide alone. */
    public Optional<String> reason(AllocationPlan plan, String pool, PoolCapacity capacity) {
        if (!enabled) {
            return Optional.empty();
        }
        Resources wanted = plan.allocated();
        if (wanted.cpuCores() > capacity.cpuCores() || wanted.memoryMb() > capacity.memoryMb()) {
            return Optional.of(String.format(Locale.ROOT, "%s would reserve %.2f cores and %.0f MiB, more than pool %s "
                    + "holds (%.2f cores, %.0f MiB): no reservation can serve it", plan.madeBy(), wanted.cpuCores(),
                    wanted.memoryMb(), pool, capacity.cpuCores(), capacity.memoryMb()));
        }
        boolean unvouched = plan.source() == PredictionSource.FALLBACK
                && plan.inputs().getOrDefault("history.samples", 0.0) == 0;
        double share = Math.max(wanted.cpuCores() / capacity.cpuCores(), wanted.memoryMb() / capacity.memoryMb());
        if (unvouched && share > maxShareOfPool) {
            return Optional.of(String.format(Locale.ROOT, "%s would reserve %.0f%% of pool %s (%.2f cores, %.0f MiB) "
                    + "for an action type with no history and a model confidence of %.2f: above the %.0f%% an "
                    + "unvouched action may take", plan.madeBy(), share * 100, pool, wanted.cpuCores(),
                    wanted.memoryMb(), plan.confidence(), maxShareOfPool * 100));
        }
        return Optional.empty();
    }
}
