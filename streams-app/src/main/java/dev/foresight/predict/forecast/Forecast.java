package dev.foresight.predict.forecast;

/**
 * The forecast of the next steps of one series.
 *
 * @param model       the model chosen by recent error
 * @param recentError its recent sMAPE over all horizons, percent
 * @param values      forecast of step 1..horizon ahead
 * @param lower       lower bound of each step's interval
 * @param upper       upper bound of each step's interval
 */
public record Forecast(String model, double recentError, double[] values, double[] lower, double[] upper) {
}
