package dev.foresight.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a point in time: an ISO-8601 instant ({@code 2026-12-01T09:30:00Z}) or a duration ago ({@code 2h}). */
final class InstantConverter implements ITypeConverter<Instant> {

    private final Clock clock;

    InstantConverter() {
        this(Clock.systemUTC());
    }

    InstantConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                Duration ago = new DurationConverter().convert(text);
                return clock.instant().minus(ago);
            } catch (TypeConversionException notADuration) {
                throw new TypeConversionException("'" + text + "' is neither an instant (2026-12-01T09:30:00Z) nor "
                        + "a duration ago (90m, 2h, 1d)");
            }
        }
    }
}
