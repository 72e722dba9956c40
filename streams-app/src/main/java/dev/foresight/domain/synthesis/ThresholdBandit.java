package dev.foresight.domain.synthesis;

import java.util.Arrays;
import java.util.List;

/**
 * UCB1 over a fixed grid of (threshold multiplier, lead time) arms for one (pipeline, stage type).
 * UCB1 because its choice is a function of the counts and sums alone: no random draw, so replaying
 * the same outcomes reproduces every choice, and its regret grows only logarithmically when the best
 * arm stays best. The grid is the configured safe range, so no choice leaves it.
 */
public final class ThresholdBandit {

    private static final double EXPLORATION = 0.5;

    private long[] pulls;
    private double[] rewards;
    private int current;

    private ThresholdBandit() {
    }

    public ThresholdBandit(int arms) {
        this.pulls = new long[arms];
        this.rewards = new double[arms];
        this.current = choose();
    }

    /** The arm in use until the next outcome. */
    public int current() {
        return current;
    }

    /** Credits {@code arm} (the one whose decision led to the outcome) and chooses the arm to use next. */
    public int reward(int arm, double reward) {
        pulls[arm]++;
        rewards[arm] += Math.max(0, Math.min(1, reward));
        current = choose();
        return current;
    }

    public double mean(int arm) {
        return pulls[arm] == 0 ? 0 : rewards[arm] / pulls[arm];
    }

    public long pulls(int arm) {
        return pulls[arm];
    }

    public long totalPulls() {
        return Arrays.stream(pulls).sum();
    }

    /** Untried arms first, in grid order; then the highest upper confidence bound, ties to the lower index. */
    private int choose() {
        for (int arm = 0; arm < pulls.length; arm++) {
            if (pulls[arm] == 0) {
                return arm;
            }
        }
        double logTotal = Math.log(totalPulls());
        int best = 0;
        double bestBound = Double.NEGATIVE_INFINITY;
        for (int arm = 0; arm < pulls.length; arm++) {
            double bound = mean(arm) + EXPLORATION * Math.sqrt(2 * logTotal / pulls[arm]);
            if (bound > bestBound) {
                best = arm;
                bestBound = bound;
            }
        }
        return best;
    }

    /** The means of all arms, for the decision log. */
    public List<Double> means() {
        return java.util.stream.IntStream.range(0, pulls.length).mapToObj(this::mean).toList();
    }
}
