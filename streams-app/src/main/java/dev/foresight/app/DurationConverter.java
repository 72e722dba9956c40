package dev.foresight.app;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code 500ms}, {@code 40s}, {@code 5m}, {@code 2h}, {@code 1d} or ISO-8601 ({@code PT40S}). */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            return parse(value);
        } catch (NumberFormatException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw new TypeConversionException("'" + text + "' is not a duration (try 40s, 5m, 2h or PT40S)");
        }
    }

    private static Duration parse(String value) {
        if (value.startsWith("p")) {
            return Duration.parse(value);
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new TypeConversionException("unknown unit in '" + value + "' (ms, s, m, h, d)");
        };
    }
}
