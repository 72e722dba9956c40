package dev.foresight.domain.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.commands.DemandLevel;
import org.junit.jupiter.api.Test;

class LevelHysteresisTest {

    private final LevelHysteresis hysteresis = new LevelHysteresis(0.1, 2);

    @Test
    void shouldRiseAtOnceWhenTheFactorPassesAThreshold() {
        LevelHysteresis.Held held = hysteresis.next(new LevelHysteresis.Held(DemandLevel.LOW, 0), 3.01);
        assertEquals(new LevelHysteresis.Held(DemandLevel.CRITICAL, 0), held);
    }

    @Test
    void shouldHoldInsideTheBandAndRestartTheCount() {
        LevelHysteresis.Held below = hysteresis.next(new LevelHysteresis.Held(DemandLevel.ELEVATED, 0), 1.2);
        assertEquals(new LevelHysteresis.Held(DemandLevel.ELEVATED, 1), below);
        assertEquals(new LevelHysteresis.Held(DemandLevel.ELEVATED, 0), hysteresis.next(below, 1.4));
    }

    @Test
    void shouldReleaseToTheRawLevelAfterEnoughReportsAtOrBelowTheReleasePoint() {
        LevelHysteresis.Held first = hysteresis.next(new LevelHysteresis.Held(DemandLevel.ELEVATED, 0), 1.35);
        assertEquals(new LevelHysteresis.Held(DemandLevel.NORMAL, 0), hysteresis.next(first, 1.2));
    }

    @Test
    void shouldBeTheRawTableWithoutBandOrDelay() {
        LevelHysteresis none = LevelHysteresis.none();
        assertEquals(DemandLevel.LOW, none.next(new LevelHysteresis.Held(DemandLevel.NORMAL, 0), 1.0).level());
        assertEquals(DemandLevel.NORMAL, none.next(new LevelHysteresis.Held(DemandLevel.CRITICAL, 0), 1.5).level());
    }

    @Test
    void shouldStartAFleetAtTheRawLevel() {
        assertEquals(DemandLevel.ELEVATED, hysteresis.next(null, 3.0).level());
    }
}
