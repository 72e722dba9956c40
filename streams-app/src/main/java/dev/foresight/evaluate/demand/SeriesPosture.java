package dev.foresight.evaluate.demand;

import dev.foresight.domain.fleet.DemandLevels;
import dev.foresight.domain.fleet.LevelHysteresis;
import dev.foresight.predict.demand.RateForecast;
import dev.foresight.predict.demand.SeasonalRateForecaster;
import dev.foresight.predict.demand.SeasonalSettings;
import dev.foresight.schema.commands.DemandLevel;
import java.time.Duration;

/**
 * The posture's level rule, hysteresis and forecaster run over a rate series, one report per step:
 * recent = the mean of the last {@code recentSteps}, baseline = the mean of the {@code baselineSteps}
 * before them.
 */
final class SeriesPosture {

    /** Per step: the level held, the raw level and the forecast made then (null before the windows fill). */
    record Run(DemandLevel[] held, DemandLevel[] raw, RateForecast[] forecasts) {
    }

    private final int recentSteps;
    private final int baselineSteps;
    private final int horizonSteps;

    SeriesPosture(int recentSteps, int baselineSteps, int horizonSteps) {
        this.recentSteps = recentSteps;
        this.baselineSteps = baselineSteps;
        this.horizonSteps = horizonSteps;
    }

    int warmUp() {
        return recentSteps + baselineSteps;
    }

    int horizonSteps() {
        return horizonSteps;
    }

    Run run(RateSeries series, LevelHysteresis hysteresis) {
        int n = series.values().length;
        double[] prefix = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + series.values()[i];
        }
        Duration step = Duration.ofMillis(series.stepMs());
        SeasonalRateForecaster forecaster = new SeasonalRateForecaster(
                SeasonalSettings.of(step, step.multipliedBy(horizonSteps)));
        DemandLevel[] held = new DemandLevel[n];
        DemandLevel[] raw = new DemandLevel[n];
        RateForecast[] forecasts = new RateForecast[n];
        LevelHysteresis.Held state = null;
        for (int t = 0; t < n; t++) {
            long time = series.timeOf(t);
            forecaster.observe(time, series.values()[t]);
            if (t + 1 < warmUp()) {
                continue;
            }
            double recent = (prefix[t + 1] - prefix[t + 1 - recentSteps]) / recentSteps;
            double baseline = (prefix[t + 1 - recentSteps] - prefix[t + 1 - warmUp()]) / baselineSteps;
            double surge = baseline > 0 ? recent / baseline : 1.0;
            state = hysteresis.next(state, surge);
            held[t] = state.level();
            raw[t] = DemandLevels.of(surge);
            forecasts[t] = forecaster.forecast(time);
        }
        return new Run(held, raw, forecasts);
    }
}
