package dev.foresight.evaluate.hostrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertRuleChoiceTest {

    /** Two hosts; each minute's risks uniform in [0, 0.5), with bursts of {@code burst} minutes at 0.9 every 100. */
    private static List<RiskTrace.Minute> minutes(int count, int burst, long seed) {
        Random random = new Random(seed);
        RiskTrace.Recorder recorder = new RiskTrace.Recorder();
        for (int m = 0; m < count; m++) {
            recorder.risk("a", m % 100 < burst ? 0.9 : random.nextDouble() * 0.5);
            recorder.risk("b", random.nextDouble() * 0.5);
            recorder.endMinute();
        }
        return recorder.trace().between(1, count + 1);
    }

    @Test
    void shouldChooseTheLowestQuantileThatKeepsEveryHeldOutBlockWithinTheBudget() {
        AlertRuleChoice choice = new AlertRuleChoice(0.05, 5, 0.85, 1);
        AlertRuleChoice.Chosen chosen = choice.choose(minutes(5_000, 0, 1));

        assertTrue(chosen.withinBudget());
        assertEquals(5, chosen.foldShares().length);
        for (double share : chosen.foldShares()) {
            assertTrue(share <= 0.05, "block share " + share);
        }
        List<RiskTrace.Minute> calibration = minutes(5_000, 0, 1);
        double[] below = choice.foldShares(choice.blocks(calibration), chosen.quantile() - AlertRuleChoice.QUANTILE_STEP);
        assertTrue(Arrays.stream(below).max().orElseThrow() > 0.05, "one step lower, a block exceeds it");
        assertTrue(chosen.quantile() > 0.9, "uniform risks above the 0.90 quantile fill 10 % of minutes with one "
                + "host and more with two plus hysteresis");
    }

    @Test
    void shouldLetTheDebounceIgnoreShortBurstsThatWouldOtherwiseExhaustTheBudget() {
        List<RiskTrace.Minute> bursty = minutes(5_000, 2, 2);      // 2 % of minutes at 0.9, in 2-minute bursts
        AlertRuleChoice.Chosen plain = new AlertRuleChoice(0.05, 5, 0.85, 1).choose(bursty);
        AlertRuleChoice.Chosen debounced = new AlertRuleChoice(0.05, 5, 0.85, 3).choose(bursty);

        assertTrue(debounced.quantile() < plain.quantile(), "with a 3-minute debounce the bursts never alert, so a "
                + "lower quantile fits the budget: " + debounced.quantile() + " vs " + plain.quantile());
        assertEquals(3, debounced.rule().raiseAfter());
        assertEquals(0.85 * debounced.rule().alertThreshold(), debounced.rule().exitThreshold(), 1e-12);
    }

    @Test
    void shouldSayWhenNoQuantileKeepsTheBudget() {
        List<RiskTrace.Minute> alwaysHigh = minutes(5_000, 40, 3);  // 40 % of minutes at 0.9, in long bursts
        AlertRuleChoice.Chosen chosen = new AlertRuleChoice(0.05, 5, 0.85, 1).choose(alwaysHigh);
        assertFalse(chosen.withinBudget());
        assertEquals(AlertRuleChoice.HIGHEST_QUANTILE, chosen.quantile(), 1e-12);
    }
}
