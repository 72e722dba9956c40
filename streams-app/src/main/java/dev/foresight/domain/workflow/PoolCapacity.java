package dev.foresight.domain.workflow;

/** What one reservation pool can hold at once. */
public record PoolCapacity(double cpuCores, double memoryMb) {

    public PoolCapacity {
        if (!(cpuCores > 0) || !(memoryMb > 0)) {
            throw new IllegalArgumentException("pool capacity must be positive: " + cpuCores + " cores, " + memoryMb + " MiB");
        }
    }
}
