package dev.foresight.domain.synthesis;

/** Running mean and variance (Welford) of run durations and costs, and the count of failed runs. */
public final class RunStats {

    private long runs;
    private long failures;
    private double durationMean;
    private double durationM2;
    private double costMean;
    private double costM2;

    public void add(PipelineRun run) {
        runs++;
        failures += run.succeeded() ? 0 : 1;
        double d = run.durationSeconds() - durationMean;
        durationMean += d / runs;
        durationM2 += d * (run.durationSeconds() - durationMean);
        double c = run.cost() - costMean;
        costMean += c / runs;
        costM2 += c * (run.cost() - costMean);
    }

    public long runs() {
        return runs;
    }

    public long failures() {
        return failures;
    }

    public double durationMean() {
        return durationMean;
    }

    public double durationSd() {
        return runs < 2 ? 0 : Math.sqrt(durationM2 / (runs - 1));
    }

    public double costMean() {
        return costMean;
    }

    public double costSd() {
        return runs < 2 ? 0 : Math.sqrt(costM2 / (runs - 1));
    }

    /** Failure rate with one pseudo-failure and one pseudo-success, so a clean record is not read as zero risk. */
    public double smoothedFailureRate() {
        return (failures + 1.0) / (runs + 2.0);
    }
}
