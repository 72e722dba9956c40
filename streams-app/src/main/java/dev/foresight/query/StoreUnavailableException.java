package dev.foresight.query;

/** The shadow store cannot answer now; the client should retry shortly. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
