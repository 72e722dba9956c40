package dev.foresight.domain.workflow;

/**
 * What an allocation costs once the action's peak is known: an attempt below the peak fails, is assumed
 * to run its whole runtime (so all of it is wasted) and is retried with double the memory until one fits;
 * the attempt that fits wastes what it holds above the peak. One rule for every method, so methods differ
 * only in what they allocate first.
 *
 * @param wastedMbMs  MiB x ms held and not used, failed attempts included
 * @param failures    attempts that failed before one fitted
 * @param finalMb     the allocation that fitted
 */
public record RetryCost(double wastedMbMs, int failures, double finalMb) {

    /** A method answering zero would double for ever; nothing runs in less than this. */
    public static final double MIN_ALLOCATION_MB = 1;

    public static RetryCost of(double allocatedMb, double peakMb, double runtimeMs) {
        double allocated = Math.max(MIN_ALLOCATION_MB, allocatedMb);
        double wasted = 0;
        int failures = 0;
        while (allocated < peakMb) {
            wasted += allocated * runtimeMs;
            failures++;
            allocated *= 2;
        }
        return new RetryCost(wasted + (allocated - peakMb) * runtimeMs, failures, allocated);
    }
}
