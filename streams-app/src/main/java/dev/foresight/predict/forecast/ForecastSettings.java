package dev.foresight.predict.forecast;

/**
 * Settings of {@link SeriesForecaster}; one configuration for every series.
 *
 * @param horizon     steps forecast at each origin
 * @param period      steps in one season (a day), for the seasonal models
 * @param errorDecay  weight of the newest origin in each model's running error, in (0, 1]
 * @param interval    standard normal quantile of the interval (1.28: about 80 %)
 */
public record ForecastSettings(int horizon, int period, double errorDecay, double interval) {

    public ForecastSettings {
        if (horizon < 1 || period < 2 || errorDecay <= 0 || errorDecay > 1 || interval <= 0) {
            throw new IllegalArgumentException("horizon ≥ 1, period ≥ 2, error decay in (0, 1], interval > 0");
        }
    }

    /** A day of 5-minute steps, forecast an hour ahead: what the live series publish. */
    public static ForecastSettings live() {
        return new ForecastSettings(12, 288, 0.05, 1.28);
    }

    /** The one configuration of the evaluation, for a series of {@code stepsPerDay} steps and that horizon. */
    public static ForecastSettings forSteps(int stepsPerDay, int horizon) {
        return new ForecastSettings(horizon, stepsPerDay, 0.05, 1.28);
    }
}
