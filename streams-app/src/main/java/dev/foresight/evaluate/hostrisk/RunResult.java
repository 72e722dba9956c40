package dev.foresight.evaluate.hostrisk;

import java.util.List;
import java.util.OptionalInt;

/**
 * A run scored the way the published tools were: earliness is the failure minute minus the minute of the
 * first correct alarm at or after the injection; stability the share of minutes from that alarm up to the
 * failure with a correct alarm; false alarms the share of the steady minutes before the injection with any
 * alarm.
 */
record RunResult(FailureRun run, OptionalInt firstCorrectMinute, double stability, double steadyFalseAlarms,
                 long deadLetters) {

    static RunResult score(FailureRun run, RiskTrace trace, long deadLetters) {
        OptionalInt first = OptionalInt.empty();
        for (int m = run.injectionMinute(); m < run.failureMinute() && first.isEmpty(); m++) {
            if (trace.minute(m).correct(run.faultyHosts())) {
                first = OptionalInt.of(m);
            }
        }
        double stability = 0;
        if (first.isPresent()) {
            List<RiskTrace.Minute> after = trace.between(first.getAsInt(), run.failureMinute());
            stability = after.stream().filter(m -> m.correct(run.faultyHosts())).count() / (double) after.size();
        }
        double steady = RiskTrace.alarmShare(trace.between(1, run.injectionMinute()));
        return new RunResult(run, first, stability, steady, deadLetters);
    }

    OptionalInt earliness() {
        return firstCorrectMinute.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(run.failureMinute() - firstCorrectMinute.getAsInt());
    }
}
