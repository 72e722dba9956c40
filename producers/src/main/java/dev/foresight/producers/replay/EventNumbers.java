package dev.foresight.producers.replay;

/** Event ids {@code <source>-1}, {@code <source>-2}, … in the order a reader creates the events. */
final class EventNumbers {

    private final String source;
    private long next;

    EventNumbers(String source) {
        this.source = source;
    }

    String next() {
        return source + "-" + ++next;
    }
}
