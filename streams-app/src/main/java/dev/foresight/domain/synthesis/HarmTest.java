package dev.foresight.domain.synthesis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wald's sequential probability ratio test of a new version's runs against its parent's: one test for
 * slower (Gaussian mean, H1 = parent mean × (1 + slowdown)), one for failing more (Bernoulli,
 * H1 = parent rate + extra failures) and one for wasteful (Gaussian mean of cost, H1 = parent cost ×
 * (1 + waste)). Each stops at its own bound; the stage is harmful as soon as one accepts H1 and harmless
 * once all accept H0 (or after the run budget with no verdict), so a single slow run is never read as
 * harm and error rates stay near the configured α and β.
 */
public final class HarmTest {

    /** The state of the test. */
    public enum Verdict { PENDING, HARMFUL, HARMLESS }

    /** Pipeline runs vary by a tenth or more; a parent with a few tight runs must not make one slow run decisive. */
    private static final double MIN_RELATIVE_SD = 0.1;
    /** No verdict on fewer runs, whatever the ratios say: one run can be an outlier of any size. */
    private static final int MIN_RUNS = 3;

    private double durationLlr;
    private double failureLlr;
    private double costLlr;
    private long candidateRuns;
    private double candidateDurationSum;
    private long candidateFailures;
    private double candidateCostSum;

    /** Adds one run of the new version; {@code parent} holds the parent version's runs. */
    public void add(PipelineRun run, RunStats parent, HarmSettings settings) {
        candidateRuns++;
        candidateDurationSum += run.durationSeconds();
        candidateFailures += run.succeeded() ? 0 : 1;
        candidateCostSum += run.cost();
        if (open(durationLlr, settings)) {
            durationLlr += gaussian(run.durationSeconds(), parent.durationMean(), parent.durationSd(),
                    settings.slowdown());
        }
        if (open(failureLlr, settings)) {
            failureLlr += bernoulli(!run.succeeded(), parent.smoothedFailureRate(), settings.extraFailures());
        }
        if (open(costLlr, settings)) {
            costLlr += gaussian(run.cost(), parent.costMean(), parent.costSd(), settings.waste());
        }
    }

    public Verdict verdict(HarmSettings settings) {
        if (candidateRuns < MIN_RUNS) {
            return Verdict.PENDING;
        }
        double upper = settings.upperBound();
        if (durationLlr >= upper || failureLlr >= upper || costLlr >= upper) {
            return Verdict.HARMFUL;
        }
        double lower = settings.lowerBound();
        boolean allAccepted = durationLlr <= lower && failureLlr <= lower && costLlr <= lower;
        return allAccepted || candidateRuns >= settings.maxRuns() ? Verdict.HARMLESS : Verdict.PENDING;
    }

    public long candidateRuns() {
        return candidateRuns;
    }

    /** The evidence: each log-likelihood ratio and the candidate's means beside the parent's. */
    public Map<String, Double> evidence(RunStats parent) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("llrSlower", durationLlr);
        evidence.put("llrFailing", failureLlr);
        evidence.put("llrWasteful", costLlr);
        evidence.put("runs", (double) candidateRuns);
        evidence.put("parentRuns", (double) parent.runs());
        evidence.put("meanDurationS", candidateRuns == 0 ? 0 : candidateDurationSum / candidateRuns);
        evidence.put("parentMeanDurationS", parent.durationMean());
        evidence.put("failureRate", candidateRuns == 0 ? 0 : (double) candidateFailures / candidateRuns);
        evidence.put("parentFailureRate", parent.runs() == 0 ? 0 : (double) parent.failures() / parent.runs());
        evidence.put("meanCost", candidateRuns == 0 ? 0 : candidateCostSum / candidateRuns);
        evidence.put("parentMeanCost", parent.costMean());
        return evidence;
    }

    private static boolean open(double llr, HarmSettings settings) {
        return llr > settings.lowerBound() && llr < settings.upperBound();
    }

    private static double gaussian(double x, double mean0, double sd0, double relativeShift) {
        if (mean0 <= 0) {
            return 0;
        }
        double mean1 = mean0 * (1 + relativeShift);
        double sd = Math.max(sd0, MIN_RELATIVE_SD * mean0);
        return (mean1 - mean0) / (sd * sd) * (x - (mean0 + mean1) / 2);
    }

    private static double bernoulli(boolean failed, double p0, double extra) {
        double p1 = Math.min(0.99, p0 + extra);
        return failed ? Math.log(p1 / p0) : Math.log((1 - p1) / (1 - p0));
    }
}
