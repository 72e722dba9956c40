package dev.foresight.producers.replay;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Parses the time formats of the public traces. Times without a zone ({@code 2014-05-14 01:14:00},
 * with up to nine fractional digits) are taken as UTC; ISO times with an offset, epoch milliseconds and the
 * two compact styles of older WfFormat instances ({@code 20200401T035043+0000} from Pegasus,
 * {@code 12-19-20T21:31:53Z}, month-day-year, from Makeflow) are accepted as well.
 */
final class Timestamps {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd[ ]['T']HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();
    private static final List<DateTimeFormatter> WITH_OFFSET = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssXX", Locale.ROOT),
            DateTimeFormatter.ofPattern("MM-dd-yy'T'HH:mm:ssXXX", Locale.ROOT));

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
            return withOffset(value);
        }
    }

    private static long withOffset(String value) {
        for (DateTimeFormatter format : WITH_OFFSET) {
            try {
                return OffsetDateTime.parse(value, format).toInstant().toEpochMilli();
            } catch (DateTimeParseException notThisStyle) {
                // try the next style
            }
        }
        throw new DateTimeParseException("not a time in any known style: " + value, value, 0);
    }
}
