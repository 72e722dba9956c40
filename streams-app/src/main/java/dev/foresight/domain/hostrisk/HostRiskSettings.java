package dev.foresight.domain.hostrisk;

import java.time.Duration;

/**
 * Tunables of continuous host risk ({@link HostRiskScorer}).
 *
 * @param round           samples of a service's hosts within one round are scored together, against each other
 * @param restartAfter    a host silent for longer (or whose clock moved back further) starts learning afresh: its old
 *                        levels describe another regime
 * @param warmupRounds    rounds a host learns before it is scored
 * @param levelAlpha      weight of a new round in a signal's moving level (1/60: a one-hour memory at one round a minute)
 * @param deviationAlpha  weight of a new round in the moving mean and variance of a signal's deviation from its peers
 * @param peers           how many hosts of the service a host is compared with: those whose levels are closest to its
 *                        own (masters come out compared with masters, replicas with replicas)
 * @param topSignals      the risk is the mean of the host's this many most deviating signals
 * @param clip            |z| of a signal is capped, so one wild signal cannot make a host risky alone
 * @param scaleFloor      smallest standard deviation of a log1p signal, so a signal that never moved cannot alarm on
 *                        its first small step
 * @param priorRounds     a signal's deviation scale is its own, shrunk toward the median scale of its peers as if they
 *                        had seen this many rounds of it: a host with few rounds of its own takes its peers' scale
 *                        (0: its own alone)
 * @param smoothing       weight of the newest round in the smoothed risk
 * @param alertThreshold  risk at which an alert is raised on a settled host: one whose deviation scales rest on a
 *                        full deviation memory ({@link #settledRounds()}), its own rounds and those kept over restarts
 * @param exitThreshold   risk below which the alert is cleared (hysteresis: below {@code alertThreshold})
 * @param alertRounds     rounds in a row the risk must hold at or above the alert threshold before the alert is raised
 * @param coldAlertThreshold the alert threshold of a host not yet settled
 * @param coldExitThreshold  its exit threshold
 * @param keepScales      whether a host's deviation scales (and the rounds they rest on) outlive its restart, only its
 *                        levels, risk and alert starting afresh; off by default: on synthetic faults of the normal
 *                        week it caught fewer and later (README, "Evaluation on recorded failures")
 */
public record HostRiskSettings(Duration round, Duration restartAfter, int warmupRounds, double levelAlpha,
                               double deviationAlpha, int peers, int topSignals, double clip, double scaleFloor,
                               double priorRounds, double smoothing, double alertThreshold, double exitThreshold, int alertRounds,
                               double coldAlertThreshold, double coldExitThreshold, boolean keepScales) {

    public HostRiskSettings {
        boolean timing = !round.isNegative() && !round.isZero() && restartAfter.compareTo(round) > 0 && warmupRounds >= 1;
        boolean rates = fraction(levelAlpha) && fraction(deviationAlpha) && fraction(smoothing);
        boolean scoring = scoring(peers, topSignals, clip, scaleFloor, priorRounds);
        boolean alerting = rule(alertThreshold, exitThreshold) && rule(coldAlertThreshold, coldExitThreshold)
                && alertRounds >= 1;
        if (!(timing && rates && scoring && alerting)) {
            throw new IllegalArgumentException("invalid host risk settings: " + this);
        }
    }

    /**
     * The scoring settings were fixed before any faulty run was scored; the prior of 1,440 rounds (the deviation
     * memory: a day of the host's own rounds weighs as much as its peers') was chosen among 0, 20, 60 and 1,440 on
     * the normal week alone (its cross-validated alert rule, and synthetic ramps added to it), and so was leaving
     * {@code keepScales} off ({@code RampComparison}). The alert rules are what {@code evaluate host-failures} chooses
     * on a normal week of a 20-host cluster (README, "Continuous host failure risk"): a 3-round debounce and an exit at
     * 0.85 of the threshold fixed beforehand, each threshold the lowest per-minute-highest-risk quantile that kept each
     * held-out day within a 5 % false-alarm budget: the settled rule's over the days every host had settled, the cold
     * rule's over every calibration day.
     */
    public static HostRiskSettings defaults() {
        return new HostRiskSettings(Duration.ofMinutes(1), Duration.ofMinutes(30), 20, 1.0 / 60, 1.0 / 1440, 4, 5,
                5, 0.05, 1440, 0.3, 0.894, 0.760, 3, 0.893, 0.759, false);
    }

    /**
     * These settings with other alert rules, for settled and for cold hosts; the scores do not change.
     *
     * @throws IllegalArgumentException if the two rules' debounces differ: a host changes rule as it settles
     */
    public HostRiskSettings withAlertRules(AlertHysteresis settled, AlertHysteresis cold) {
        if (settled.raiseAfter() != cold.raiseAfter()) {
            throw new IllegalArgumentException("one debounce for settled and cold hosts, not " + settled.raiseAfter()
                    + " and " + cold.raiseAfter());
        }
        return new HostRiskSettings(round, restartAfter, warmupRounds, levelAlpha, deviationAlpha, peers, topSignals,
                clip, scaleFloor, priorRounds, smoothing, settled.alertThreshold(), settled.exitThreshold(),
                settled.raiseAfter(), cold.alertThreshold(), cold.exitThreshold(), keepScales);
    }

    /** These settings with scales kept over a restart, or not; the scores after a restart change. */
    public HostRiskSettings withKeptScales(boolean keep) {
        return new HostRiskSettings(round, restartAfter, warmupRounds, levelAlpha, deviationAlpha, peers, topSignals,
                clip, scaleFloor, priorRounds, smoothing, alertThreshold, exitThreshold, alertRounds, coldAlertThreshold,
                coldExitThreshold, keep);
    }

    /** These settings with one alert rule for settled and cold hosts alike. */
    public HostRiskSettings withAlertRule(AlertHysteresis rule) {
        return withAlertRules(rule, rule);
    }

    public HostRiskSettings withThresholds(double alert, double exit) {
        return withAlertRule(new AlertHysteresis(alert, exit, alertRounds));
    }

    /** The rule of a settled host. */
    public AlertHysteresis hysteresis() {
        return new AlertHysteresis(alertThreshold, exitThreshold, alertRounds);
    }

    /** The rule of a host whose scales do not yet rest on {@link #settledRounds()} rounds. */
    public AlertHysteresis coldHysteresis() {
        return new AlertHysteresis(coldAlertThreshold, coldExitThreshold, alertRounds);
    }

    /** Rounds a host's deviation scales rest on, over restarts, before it is settled: the deviation memory. */
    public long settledRounds() {
        return Math.round(1 / deviationAlpha);
    }

    private static boolean rule(double alert, double exit) {
        return fraction(alert) && exit >= 0 && exit <= alert;
    }

    private static boolean scoring(int peers, int topSignals, double clip, double scaleFloor, double priorRounds) {
        return peers >= 1 && topSignals >= 1 && clip > 0 && scaleFloor > 0 && priorRounds >= 0;
    }

    private static boolean fraction(double value) {
        return value > 0 && value <= 1;
    }
}
