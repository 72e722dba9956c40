package dev.foresight.domain.rollback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    private static SemanticVersion v(String text) {
        return SemanticVersion.parse(text).orElseThrow();
    }

    @Test
    void shouldCompareNumericallyNotAsText() {
        assertTrue(v("1.10.0").compareTo(v("1.9.3")) > 0);
    }

    @Test
    void shouldSortAPreReleaseBeforeItsRelease() {
        assertTrue(v("2.0.0-rc1").compareTo(v("2.0.0")) < 0);
    }

    @Test
    void shouldTreatMissingBoundsAsOpen() {
        assertTrue(v("0.1.0").within(null, v("1.0.0")));
        assertTrue(v("9.0.0").within(v("1.0.0"), null));
        assertFalse(v("1.0.0").within(v("1.0.1"), null));
    }

    @Test
    void shouldRejectTextThatIsNotAVersion() {
        assertTrue(SemanticVersion.parse("latest").isEmpty());
    }
}
