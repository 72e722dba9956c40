package dev.foresight.predict.forecast;

/**
 * The forecast of the next steps of one series.
 *
 * @param model       the model with the lowest recent error at most horizons (the forecast weights them all)
 * @param recentError the mean over the horizons of the lowest recent sMAPE at each, percent
 * @param values      forecast of step 1..horizon ahead
 * @param lower       lower bound of each step's interval
 * @param upper       upper bound of each step's interval
 */
public record Forecast(String model, double recentError, double[] values, double[] lower, double[] upper) {
}
