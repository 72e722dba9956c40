package dev.foresight.evaluate.workflow;

import java.util.Map;

/**
 * How one method sized one recorded run.
 *
 * @param source            the kind of record the run was read from
 * @param tasks             tasks sized
 * @param wastageGibHours   GiB x hours allocated and not used, failed attempts included
 * @param coldStartGibHours the part of it wasted on tasks submitted before any task of their type had completed
 * @param underAllocations  failed attempts: first allocations (and retries) below the peak
 * @param maeGib            mean absolute difference between the first allocation and the peak, GiB
 * @param decisions         for the online selection: tasks each source decided
 * @param decidedGibHours   ... and the wastage of those tasks, GiB x hours
 * @param setting           the selection's setting, chosen on the other runs; empty for a fixed method
 */
public record MethodResult(String workflow, String source, String method, int tasks, double wastageGibHours,
                           double coldStartGibHours, int underAllocations, double maeGib,
                           Map<String, Long> decisions, Map<String, Double> decidedGibHours, String setting) {
}
