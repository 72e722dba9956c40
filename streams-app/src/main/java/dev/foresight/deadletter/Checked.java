package dev.foresight.deadletter;

import dev.foresight.schema.errors.DeadLetter;

/** The outcome of validating one input record: either the event or the dead letter that replaces it. */
public record Checked<V>(V value, DeadLetter deadLetter) {

    public static <V> Checked<V> valid(V value) {
        return new Checked<>(value, null);
    }

    public static <V> Checked<V> rejected(DeadLetter deadLetter) {
        return new Checked<>(null, deadLetter);
    }

    public boolean isValid() {
        return deadLetter == null;
    }
}
