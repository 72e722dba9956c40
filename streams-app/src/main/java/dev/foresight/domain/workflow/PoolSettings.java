package dev.foresight.domain.workflow;

import java.time.Duration;
import java.util.Map;

/**
 * @param capacities     capacity of every pool by pool id
 * @param poolByWorkflow which pool serves a workflow type; types not listed use {@code defaultPool}
 * @param defaultPool    must be one of {@code capacities}
 * @param reservationTtl a reservation not released by then is released by the pool, so a lost
 *                       ActionCompleted cannot leak capacity
 */
public record PoolSettings(Map<String, PoolCapacity> capacities, Map<String, String> poolByWorkflow,
                           String defaultPool, Duration reservationTtl) {

    public PoolSettings {
        capacities = Map.copyOf(capacities);
        poolByWorkflow = Map.copyOf(poolByWorkflow);
        if (!capacities.containsKey(defaultPool)) {
            throw new IllegalArgumentException("default pool '" + defaultPool + "' has no capacity");
        }
        for (Map.Entry<String, String> mapping : poolByWorkflow.entrySet()) {
            if (!capacities.containsKey(mapping.getValue())) {
                throw new IllegalArgumentException("workflow type '" + mapping.getKey() + "' maps to unknown pool '"
                        + mapping.getValue() + "'");
            }
        }
    }

    public static PoolSettings defaults() {
        return single(new PoolCapacity(64, 256 * 1024));
    }

    /** One pool, {@code default}, serving every workflow type. */
    public static PoolSettings single(PoolCapacity capacity) {
        return new PoolSettings(Map.of("default", capacity), Map.of(), "default", Duration.ofHours(2));
    }

    public String poolOf(String workflowType) {
        return poolByWorkflow.getOrDefault(workflowType, defaultPool);
    }
}
