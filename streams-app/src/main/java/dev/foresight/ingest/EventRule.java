package dev.foresight.ingest;

import java.util.Optional;

/** Domain checks of one event family; returns the reason an event is unusable, if it is. */
@FunctionalInterface
public interface EventRule<V> {

    Optional<String> violation(String key, V event, long nowMs);
}
