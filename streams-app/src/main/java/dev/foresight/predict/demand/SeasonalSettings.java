package dev.foresight.predict.demand;

import java.time.Duration;

/**
 * @param step             time between observations
 * @param season           length of one season (a day for human-driven load)
 * @param slots            how many seasonal slots a season is cut into
 * @param horizon          how far ahead a forecast averages
 * @param levelRate        smoothing rate of the deseasonalised level
 * @param seasonRate       smoothing rate of a slot's seasonal offset
 * @param coverage         nominal coverage of the interval, e.g. 0.9
 * @param residualWindow   how many resolved forecasts the interval is calibrated on
 * @param minResiduals     below this many resolved forecasts the interval is the wide default
 */
public record SeasonalSettings(Duration step, Duration season, int slots, Duration horizon, double levelRate,
                               double seasonRate, double coverage, int residualWindow, int minResiduals) {

    public SeasonalSettings {
        if (step.isZero() || step.isNegative() || horizon.compareTo(step) < 0 || slots < 1) {
            throw new IllegalArgumentException("step must be positive, horizon at least one step, slots at least 1");
        }
    }

    public static SeasonalSettings of(Duration step, Duration horizon) {
        return new SeasonalSettings(step, Duration.ofDays(1), 24, horizon, 0.2, 0.25, 0.9, 96, 8);
    }

    public int horizonSteps() {
        return (int) Math.max(1, horizon.toMillis() / step.toMillis());
    }
}
