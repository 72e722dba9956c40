package dev.foresight.evaluate.hostrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.hostrisk.AlertHysteresis;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunResultTest {

    private static final FailureRun RUN = new FailureRun("e9", "memoryleak", 4, 10, Set.of("bad"));

    @Test
    void shouldCountEarlinessFromTheFirstCorrectAlarmAfterTheInjection() {
        RiskTrace.Recorder recorder = new RiskTrace.Recorder();
        minute(recorder, 0.1, 0.2, 0.3, 0.4);          // 1: no alarm
        recorder.alert("other", true);                  // 2: a false alarm before the injection
        minute(recorder, 0.1, 0.2, 0.3, 0.9);
        recorder.alert("other", false);
        minute(recorder, 0.1, 0.2, 0.3, 0.4);          // 3
        minute(recorder, 0.1, 0.2, 0.3, 0.4);          // 4: injection, no alarm
        recorder.alert("bad", true);
        minute(recorder, 0.8, 0.2, 0.3, 0.4);          // 5: correct
        minute(recorder, 0.1, 0.5, 0.6, 0.7);          // 6: alarm, but "bad" not in the top 3
        for (int m = 7; m < 12; m++) {
            minute(recorder, 0.9, 0.2, 0.3, 0.4);      // 7..11: correct
        }
        RunResult result = RunResult.score(RUN, recorder.trace(), 0);

        assertEquals(5, result.firstCorrectMinute().getAsInt());
        assertEquals(5, result.earliness().getAsInt());
        assertEquals(4 / 5.0, result.stability(), 1e-12, "minutes 5..9, all but 6");
        assertEquals(1 / 3.0, result.steadyFalseAlarms(), 1e-12);
    }

    @Test
    void shouldReportNoEarlinessWithoutACorrectAlarmBeforeTheFailure() {
        RiskTrace.Recorder recorder = new RiskTrace.Recorder();
        for (int m = 1; m < 12; m++) {
            minute(recorder, 0.9, 0.2, 0.3, 0.4);
        }
        RunResult result = RunResult.score(RUN, recorder.trace(), 0);
        assertTrue(result.earliness().isEmpty());
        assertEquals(0, result.steadyFalseAlarms());
    }

    @Test
    void shouldReplayTheAlertsOfAThresholdWithItsHysteresisOverRecordedScores() {
        RiskTrace.Recorder recorder = new RiskTrace.Recorder();
        for (double risk : List.of(0.5, 0.85, 0.75, 0.65, 0.5)) {
            recorder.risk("bad", risk);
            recorder.endMinute();
        }
        List<RiskTrace.Minute> minutes = recorder.trace().between(1, 6);
        // raised at 0.85, held at 0.75 (above the exit 0.7), cleared at 0.65
        assertEquals(2 / 5.0, RiskTrace.alarmShare(minutes, new AlertHysteresis(0.8, 0.7, 1)), 1e-12);
    }

    @Test
    void shouldReplayEachHostsAlertsByTheRuleOfItsSettlednessThatMinute() {
        RiskTrace.Recorder recorder = new RiskTrace.Recorder();
        for (int m = 0; m < 4; m++) {
            recorder.risk("bad", 0.6, m >= 2);
            recorder.endMinute();
        }
        List<RiskTrace.Minute> minutes = recorder.trace().between(1, 5);
        // cold at 0.6 under the cold threshold 0.8; settled from minute 3 on, over the settled threshold 0.5
        assertEquals(2 / 4.0, RiskTrace.alarmShare(minutes, new AlertHysteresis(0.5, 0.4, 1),
                new AlertHysteresis(0.8, 0.7, 1)), 1e-12);
        assertFalse(minutes.get(1).allSettled());
        assertTrue(minutes.get(2).allSettled());
    }

    private static void minute(RiskTrace.Recorder recorder, double bad, double a, double b, double other) {
        recorder.risk("bad", bad);
        recorder.risk("a", a);
        recorder.risk("b", b);
        recorder.risk("other", other);
        recorder.endMinute();
    }
}
