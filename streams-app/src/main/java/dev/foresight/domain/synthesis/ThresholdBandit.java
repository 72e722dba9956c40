package dev.foresight.domain.synthesis;

import java.util.Arrays;

/**
 * Chooses one (threshold multiplier, lead time) arm of the safe grid for one (pipeline, stage type) by
 * following the leader on counterfactual outcomes.
 *
 * <p>The forecast every arm would act on is observed whatever arm is in use, so each arm keeps a shadow
 * episode: the minute its own trigger would have fired, and the reward that stage would have earned when
 * the need arrived (or did not). Every outcome therefore rewards every arm: full information, not bandit
 * feedback. Following the arm with the largest total then needs no exploration, and on stochastic outcomes
 * with a best arm its regret against the best fixed arm stays bounded instead of growing with time (UCB1,
 * seeing only the arm it pulled, kept exploring nine arms at one or two outcomes a day). No random draw, so
 * a replay reproduces every choice. It starts on the last arm of the grid and ties go to the lower index
 * (the lower trigger, then the shorter lead); the grid is the configured safe range, so no choice leaves it.
 */
public final class ThresholdBandit {

    /** A need that arrives before its stage is ready still earns something: the stage shortened the shortfall. */
    public static final double LATE_REWARD = 0.4;
    /** A stage for a need that never came cost resources but did no harm. */
    public static final double FALSE_ALARM_REWARD = 0.2;
    private static final long NONE = Long.MIN_VALUE;
    /** Totals are sums of a few fixed rewards: closer than this they are equal, whatever the rounding. */
    private static final double TIE = 1e-9;

    private double[] totals;
    private long[] outcomes;
    private long[] firedMs;
    private long[] activeUntilMs;
    private int current;

    private ThresholdBandit() {
    }

    public ThresholdBandit(int arms) {
        this.totals = new double[arms];
        this.outcomes = new long[arms];
        this.firedMs = new long[arms];
        this.activeUntilMs = new long[arms];
        Arrays.fill(firedMs, NONE);
        Arrays.fill(activeUntilMs, NONE);
        this.current = arms - 1;
    }

    /** A state written before the tuner kept shadow episodes has none of its arrays: it starts afresh. */
    boolean fits(int arms) {
        return totals != null && totals.length == arms && firedMs != null && activeUntilMs != null;
    }

    /** The arm in use until the next outcome. */
    public int current() {
        return current;
    }

    /**
     * One forecast point for {@code arm}: its shadow stage is synthesized when the forecast reaches its trigger
     * while the need is not already there and no shadow stage of its own is open or in force.
     */
    public void watch(int arm, long nowMs, boolean reached, boolean needHigh, long activeForMs) {
        if (reached && !needHigh && firedMs[arm] == NONE && activeUntilMs[arm] <= nowMs) {
            firedMs[arm] = nowMs;
            activeUntilMs[arm] = activeForMs <= 0 ? NONE : nowMs + activeForMs;
        }
    }

    /** The need arrived: each arm's shadow stage earns its reward, or the arm that had none is credited zero. */
    public void needArrived(long nowMs, long provisioningMs) {
        for (int arm = 0; arm < totals.length; arm++) {
            if (firedMs[arm] != NONE) {
                credit(arm, firedMs[arm] + provisioningMs <= nowMs ? 1 : LATE_REWARD);
                firedMs[arm] = NONE;
            } else if (activeUntilMs[arm] <= nowMs) {
                credit(arm, 0);
            }
        }
        current = leader();
    }

    /** Shadow stages whose need did not come within {@code windowMs} are false alarms. */
    public void expire(long nowMs, long windowMs) {
        boolean changed = false;
        for (int arm = 0; arm < totals.length; arm++) {
            if (firedMs[arm] != NONE && nowMs - firedMs[arm] > windowMs) {
                credit(arm, FALSE_ALARM_REWARD);
                firedMs[arm] = NONE;
                changed = true;
            }
        }
        if (changed) {
            current = leader();
        }
    }

    private void credit(int arm, double reward) {
        totals[arm] += reward;
        outcomes[arm]++;
    }

    public double total(int arm) {
        return totals[arm];
    }

    public double mean(int arm) {
        return outcomes[arm] == 0 ? 0 : totals[arm] / outcomes[arm];
    }

    public long totalOutcomes() {
        return Arrays.stream(outcomes).sum();
    }

    private int leader() {
        int best = 0;
        for (int arm = 1; arm < totals.length; arm++) {
            if (totals[arm] > totals[best] + TIE) {
                best = arm;
            }
        }
        return best;
    }
}
