package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void shouldCountTheShareOfCorrectlyOrderedPairs() {
        // pairs (failure, success): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 → 3 of 4
        double auc = RocAuc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true});

        assertEquals(0.75, auc, 1e-12);
    }

    @Test
    void shouldCountATiedPairAsHalf() {
        // pairs: 0.5>0.2, 0.5=0.5 (½), 0.9>0.2, 0.9>0.5 → 3.5 of 4
        double auc = RocAuc.of(new double[] {0.2, 0.5, 0.5, 0.9}, new boolean[] {false, true, false, true});

        assertEquals(0.875, auc, 1e-12);
    }

    @Test
    void shouldGiveOneHalfToAConstantPredictor() {
        double auc = RocAuc.of(new double[] {1, 1, 1, 1, 1}, new boolean[] {true, false, false, true, false});

        assertEquals(0.5, auc, 1e-12);
    }

    @Test
    void shouldBeUndefinedWhenOnlyOneClassOccurs() {
        assertTrue(Double.isNaN(RocAuc.of(new double[] {0.1, 0.9}, new boolean[] {false, false})));
    }
}
