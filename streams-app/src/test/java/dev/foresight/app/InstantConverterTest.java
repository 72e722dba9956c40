package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class InstantConverterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final InstantConverter converter = new InstantConverter(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldReadAnIsoInstant() {
        assertEquals(Instant.parse("2026-12-01T09:30:00Z"), converter.convert("2026-12-01T09:30:00Z"));
    }

    @Test
    void shouldReadADurationAsThatLongAgo() {
        assertEquals(NOW.minusSeconds(90 * 60), converter.convert("90m"));
        assertEquals(NOW.minusSeconds(86_400), converter.convert("1d"));
    }

    @Test
    void shouldRefuseTextThatIsNeitherAndSayWhatItTakes() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> converter.convert("yesterday"));

        assertTrue(e.getMessage().contains("neither an instant"), e.getMessage());
    }
}
