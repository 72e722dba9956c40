package dev.foresight.evaluate.workflow;

import java.util.Map;

/**
 * How one sizing method did on one workflow run.
 *
 * @param source           the kind of record the run was read from
 * @param wastageGbHours   sum over tasks of (allocated - peak) x runtime, plus the whole allocation x runtime
 *                         of every attempt that failed for too little memory
 * @param coldStartGbHours the part of the wastage from tasks that started before any task of their type had
 *                         completed: no method has history for them
 * @param underAllocations attempts that failed because their allocation was below the task's peak
 * @param maeGb            mean absolute difference between the first allocation and the peak
 * @param decisions        allocations per rule, for methods that choose between rules
 */
public record MethodResult(String workflow, String source, String method, int tasks, double wastageGbHours,
                           double coldStartGbHours, int underAllocations, double maeGb, Map<String, Long> decisions) {
}
