package dev.foresight.producers.sim;

/**
 * How one action type uses resources on a workflow of typical input size.
 *
 * @param parallel runs once per sample/shard of the workflow instead of once
 * @param durationScaling exponent of input size in the run time: 1 is linear, below 1 sub-linear
 */
record ActionProfile(String actionType, boolean parallel, double cpuCores, double memoryMb, double networkMb,
                     double durationSeconds, double durationScaling) {
}
