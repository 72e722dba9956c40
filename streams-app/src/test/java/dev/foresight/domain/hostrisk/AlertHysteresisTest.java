package dev.foresight.domain.hostrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.domain.hostrisk.AlertHysteresis.State;
import dev.foresight.domain.hostrisk.AlertHysteresis.Transition;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertHysteresisTest {

    private static List<Transition> steps(AlertHysteresis rule, double... risks) {
        List<Transition> transitions = new ArrayList<>();
        State state = State.CLEAR;
        for (double risk : risks) {
            AlertHysteresis.Step step = rule.next(state, risk);
            transitions.add(step.transition());
            state = step.state();
        }
        return transitions;
    }

    @Test
    void shouldRaiseOnlyAfterTheRiskHeldTheThresholdForTheDebounceRounds() {
        AlertHysteresis rule = new AlertHysteresis(0.8, 0.7, 3);
        assertEquals(List.of(Transition.NONE, Transition.NONE, Transition.NONE, Transition.NONE, Transition.NONE,
                        Transition.RAISED),
                steps(rule, 0.9, 0.85, 0.5, 0.9, 0.8, 0.95), "the dip to 0.5 restarts the count");
    }

    @Test
    void shouldClearBelowTheExitThresholdAndCountAfreshAfterwards() {
        AlertHysteresis rule = new AlertHysteresis(0.8, 0.7, 2);
        assertEquals(List.of(Transition.NONE, Transition.RAISED, Transition.NONE, Transition.CLEARED, Transition.NONE,
                        Transition.RAISED),
                steps(rule, 0.9, 0.9, 0.75, 0.6, 0.9, 0.9));
    }

    @Test
    void shouldRaiseAtOnceWithoutDebounce() {
        assertEquals(List.of(Transition.RAISED), steps(new AlertHysteresis(0.8, 0.7, 1), 0.8));
    }

    @Test
    void shouldRefuseAnExitAboveTheAlertOrNoRound() {
        assertThrows(IllegalArgumentException.class, () -> new AlertHysteresis(0.7, 0.8, 1));
        assertThrows(IllegalArgumentException.class, () -> new AlertHysteresis(0.8, 0.7, 0));
    }
}
