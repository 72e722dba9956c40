package dev.foresight.domain.workflow;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What each reservation pool has promised, against its capacity. Never lets a pool over-commit. */
public final class PoolLedger {

    private final Map<String, PoolCapacity> capacities;
    private final Map<String, double[]> used = new HashMap<>();

    public PoolLedger(Map<String, PoolCapacity> capacities) {
        this.capacities = capacities;
    }

    /** Why {@code cpuCores} and {@code memoryMb} cannot be reserved in {@code pool} now, or empty if they can. */
    public Optional<String> refusal(String pool, double cpuCores, double memoryMb) {
        PoolCapacity capacity = capacities.get(pool);
        if (capacity == null) {
            return Optional.of("pool " + pool + " does not exist");
        }
        if (cpuCores > capacity.cpuCores() || memoryMb > capacity.memoryMb()) {
            return Optional.of(String.format(Locale.ROOT,
                    "the action needs %.2f cores and %.0f MiB, more than pool %s holds (%.2f cores, %.0f MiB)",
                    cpuCores, memoryMb, pool, capacity.cpuCores(), capacity.memoryMb()));
        }
        if (cpuCores > freeCpu(pool) || memoryMb > freeMemory(pool)) {
            return Optional.of(String.format(Locale.ROOT,
                    "pool %s has %.2f of %.2f cores and %.0f of %.0f MiB free; the action needs %.2f cores and %.0f MiB",
                    pool, freeCpu(pool), capacity.cpuCores(), freeMemory(pool), capacity.memoryMb(),
                    cpuCores, memoryMb));
        }
        return Optional.empty();
    }

    public void hold(String pool, double cpuCores, double memoryMb) {
        double[] u = used.computeIfAbsent(pool, p -> new double[2]);
        u[0] += cpuCores;
        u[1] += memoryMb;
    }

    public void free(String pool, double cpuCores, double memoryMb) {
        double[] u = used.computeIfAbsent(pool, p -> new double[2]);
        // clamped: repeated float subtraction must not leave a pool "more than empty"
        u[0] = Math.max(0, u[0] - cpuCores);
        u[1] = Math.max(0, u[1] - memoryMb);
    }

    public double freeCpu(String pool) {
        return capacities.get(pool).cpuCores() - used.getOrDefault(pool, new double[2])[0];
    }

    public double freeMemory(String pool) {
        return capacities.get(pool).memoryMb() - used.getOrDefault(pool, new double[2])[1];
    }
}
