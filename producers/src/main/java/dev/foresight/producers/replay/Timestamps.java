package dev.foresight.producers.replay;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses the time formats of the public traces. Times without a zone ({@code 2014-05-14 01:14:00},
 * with up to nine fractional digits) are taken as UTC; ISO times with an offset and epoch milliseconds
 * are accepted as well.
 */
final class Timestamps {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    static long parseMillis(String text) {
        String value = text.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(value);
        }
        try {
            return LocalDateTime.parse(value, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException notLocal) {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        }
    }
}
