package dev.foresight.predict.demand;

/**
 * The mean request rate expected over a horizon, with an interval meant to hold the realised mean at
 * the forecaster's nominal coverage.
 */
public record RateForecast(double mean, double lower, double upper) {

    public RateForecast {
        if (!(lower <= mean && mean <= upper)) {
            throw new IllegalArgumentException("interval [" + lower + ", " + upper + "] does not contain " + mean);
        }
    }
}
