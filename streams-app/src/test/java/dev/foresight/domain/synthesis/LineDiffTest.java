package dev.foresight.domain.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void shouldMarkAddedAndRemovedLinesAndKeepTheCommonOnes() {
        assertEquals(" a\n-b\n+x\n c", LineDiff.of("a\nb\nc", "a\nx\nc"));
    }

    @Test
    void shouldSeeNoChangeBetweenEqualTexts() {
        assertTrue(LineDiff.unchanged(LineDiff.of("a\nb", "a\nb")));
    }
}
