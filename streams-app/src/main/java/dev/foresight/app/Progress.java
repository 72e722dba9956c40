package dev.foresight.app;

import java.util.Locale;

/**
 * Totals at one instant, read from the broker: records in the input topics, on the aggregate topic,
 * on the command topics and on the dead-letter topic, and the app's consumer lag on the inputs and on its
 * repartition topics (a drained input is not a processed backlog while repartition topics still hold records).
 * Totals are end offsets, so on topics written with exactly-once they include transaction markers (≈).
 */
record Progress(long atMillis, String state, long eventsIn, long aggregates, long commands, long deadLetters,
                long inputLag, long repartitionLag) {

    /** One line: rates since {@code previous}, totals so far, lag and the Streams state. */
    String line(Progress previous) {
        double seconds = Math.max(1, atMillis - previous.atMillis) / 1000.0;
        return String.format(Locale.ROOT,
                "%-11s in %,8.0f/s (%,d) | aggregates %,6.0f/s (%,d) | commands %,6.0f/s (%,d) | "
                        + "dead letters %,d | lag %,d (inputs %,d, repartitions %,d)",
                state, (eventsIn - previous.eventsIn) / seconds, eventsIn,
                (aggregates - previous.aggregates) / seconds, aggregates,
                (commands - previous.commands) / seconds, commands, deadLetters, inputLag + repartitionLag,
                inputLag, repartitionLag);
    }
}
