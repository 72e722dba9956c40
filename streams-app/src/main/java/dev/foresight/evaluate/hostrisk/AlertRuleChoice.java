package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.AlertHysteresis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the alert threshold from normal operation only, against a false-alarm budget: the threshold is a
 * quantile of the per-minute highest host risk, and the quantile is the lowest on a grid whose rule kept every
 * held-out fold within the budget when its threshold came from the other folds. The folds are consecutive
 * blocks of time (days of the calibration minutes), so a fold is scored on a stretch of time the threshold
 * never saw, as the next week will be. The exit share and the debounce are fixed beforehand: normal data alone
 * cannot trade them against earliness.
 *
 * @param budget     highest share of normal minutes with any host in alert
 * @param folds      consecutive blocks the calibration minutes are cut into
 * @param exitShare  the alert clears below this share of the threshold
 * @param raiseAfter rounds in a row at or above the threshold before the alert is raised
 */
record AlertRuleChoice(double budget, int folds, double exitShare, int raiseAfter) {

    /** Quantiles tried, lowest first. */
    static final double LOWEST_QUANTILE = 0.90;
    static final double QUANTILE_STEP = 0.001;
    static final double HIGHEST_QUANTILE = 0.999;

    /**
     * @param quantile   the chosen quantile
     * @param rule       its threshold over all the calibration minutes, with the fixed exit share and debounce
     * @param foldShares each held-out fold's share of minutes in alert at that quantile, in time order
     * @param withinBudget whether some quantile kept every fold within the budget (else the highest was taken)
     */
    record Chosen(double quantile, AlertHysteresis rule, double[] foldShares, boolean withinBudget) {
    }

    Chosen choose(List<RiskTrace.Minute> calibration) {
        List<List<RiskTrace.Minute>> blocks = blocks(calibration);
        int steps = (int) Math.round((HIGHEST_QUANTILE - LOWEST_QUANTILE) / QUANTILE_STEP);
        double[] shares = new double[0];
        for (int step = 0; step <= steps; step++) {
            double quantile = LOWEST_QUANTILE + step * QUANTILE_STEP;
            shares = foldShares(blocks, quantile);
            if (Arrays.stream(shares).max().orElse(0) <= budget) {
                return new Chosen(quantile, rule(calibration, quantile), shares, true);
            }
        }
        return new Chosen(HIGHEST_QUANTILE, rule(calibration, HIGHEST_QUANTILE), shares, false);
    }

    AlertHysteresis rule(List<RiskTrace.Minute> minutes, double quantile) {
        double threshold = HostFailureEvaluation.quantile(highest(minutes), quantile);
        return new AlertHysteresis(threshold, threshold * exitShare, raiseAfter);
    }

    double[] foldShares(List<List<RiskTrace.Minute>> blocks, double quantile) {
        double[] shares = new double[blocks.size()];
        for (int f = 0; f < blocks.size(); f++) {
            List<RiskTrace.Minute> others = new ArrayList<>();
            for (int g = 0; g < blocks.size(); g++) {
                if (g != f) {
                    others.addAll(blocks.get(g));
                }
            }
            shares[f] = RiskTrace.alarmShare(blocks.get(f), rule(others, quantile));
        }
        return shares;
    }

    /** {@code folds} consecutive blocks of (nearly) equal length. */
    List<List<RiskTrace.Minute>> blocks(List<RiskTrace.Minute> minutes) {
        if (minutes.size() < folds) {
            throw new IllegalArgumentException("fewer calibration minutes (" + minutes.size() + ") than folds");
        }
        List<List<RiskTrace.Minute>> blocks = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            blocks.add(minutes.subList(f * minutes.size() / folds, (f + 1) * minutes.size() / folds));
        }
        return blocks;
    }

    private static double[] highest(List<RiskTrace.Minute> minutes) {
        return minutes.stream().filter(m -> !m.risks().isEmpty()).mapToDouble(RiskTrace.Minute::highest).toArray();
    }
}
