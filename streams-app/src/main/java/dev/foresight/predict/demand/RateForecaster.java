package dev.foresight.predict.demand;

/**
 * Forecasts a request-rate series observed at a regular step. Implementations are single-threaded and
 * checkpoint themselves to bytes, so a stream task can keep one per key in a store.
 */
public interface RateForecaster {

    /** The rate seen over the step that ends at {@code timeMs}; calls come in time order. */
    void observe(long timeMs, double rate);

    /** The mean rate expected over the forecaster's horizon after {@code timeMs}, with its interval. */
    RateForecast forecast(long timeMs);

    byte[] checkpoint();
}
