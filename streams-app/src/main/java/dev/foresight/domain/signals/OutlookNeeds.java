package dev.foresight.domain.signals;

import dev.foresight.domain.signals.SeriesOutlook.Need;
import dev.foresight.predict.forecast.Forecast;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The need a series' forecast implies: CPU → scaling (instances as a multiple of today's that keep the
 * forecast peak at {@value #TARGET_CPU} utilization), commits and deployments → release cadence (per day,
 * from the horizon's forecast counts), vulnerabilities → a dependency update (reports expected over the
 * horizon), test duration → test-suite time (seconds at the end of the horizon). Other series imply none.
 */
final class OutlookNeeds {

    static final double TARGET_CPU = 0.7;
    private static final double DAY_MS = Duration.ofDays(1).toMillis();

    private OutlookNeeds() {
    }

    static Optional<Need> of(SeriesMetric metric, Forecast forecast, long stepMs) {
        return switch (metric) {
            case CPU -> Optional.of(scaling(forecast));
            case COMMITS, DEPLOYMENTS -> Optional.of(total(forecast, "RELEASE_CADENCE", DAY_MS / (stepMs * forecast.values().length),
                    metric.id() + " per day at the forecast rate"));
            case VULNERABILITIES_LOW, VULNERABILITIES_MEDIUM, VULNERABILITIES_HIGH, VULNERABILITIES_CRITICAL ->
                    Optional.of(total(forecast, "DEPENDENCY_UPDATE", 1, metric.id() + " reports expected over the horizon"));
            case TEST_DURATION -> Optional.of(last(forecast));
            default -> Optional.empty();
        };
    }

    private static Need scaling(Forecast forecast) {
        double peak = max(forecast.values());
        return new Need("SCALING", peak / TARGET_CPU, max(forecast.lower()) / TARGET_CPU,
                max(forecast.upper()) / TARGET_CPU, String.format(Locale.ROOT,
                "forecast peak CPU %.2f over the horizon; instances × %.2f keep it at %.2f", peak, peak / TARGET_CPU,
                TARGET_CPU));
    }

    private static Need total(Forecast forecast, String kind, double scale, String explanation) {
        return new Need(kind, scale * sum(forecast.values()), scale * sum(forecast.lower()),
                scale * sum(forecast.upper()), explanation);
    }

    private static Need last(Forecast forecast) {
        int end = forecast.values().length - 1;
        return new Need("TEST_SUITE_TIME", forecast.values()[end], forecast.lower()[end], forecast.upper()[end],
                String.format(Locale.ROOT, "test run expected to take %.0f s at the end of the horizon",
                        forecast.values()[end]));
    }

    private static double max(double[] values) {
        double max = 0;
        for (double value : values) {
            max = Math.max(max, value);
        }
        return max;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }
}
