package dev.foresight.predict.demand;

/** Makes forecasters, fresh or from a checkpoint, so callers do not depend on one model. */
public interface RateForecasterFactory {

    RateForecaster create();

    /** An empty checkpoint gives a fresh forecaster; an unreadable one throws {@link IllegalArgumentException}. */
    RateForecaster restore(byte[] checkpoint);
}
