package dev.foresight.query;

/** Which instance of the application holds a key's shadow right now. */
public sealed interface KeyOwner {

    /** This instance: read the local store. */
    record Local() implements KeyOwner {
    }

    /** Another instance, reachable at its {@code application.server} address. */
    record Remote(String host, int port) implements KeyOwner {
    }

    /** Nobody can answer yet (starting, rebalancing, restoring). */
    record Unavailable(String reason) implements KeyOwner {
    }
}
