package dev.foresight.domain.workflow;

import java.util.Map;

/**
 * What a running workflow is expected to submit over the next {@code horizonMs}.
 *
 * @param memoryMb       expected memory of the actions submitted within the horizon (sum of their peaks)
 * @param lowerMb        lower end of the interval, NaN until the forecaster has judged enough of its forecasts
 * @param upperMb        upper end of the interval, NaN likewise
 * @param expectedCounts action type → expected number of its actions submitted within the horizon
 */
public record DemandForecast(long horizonMs, double memoryMb, double lowerMb, double upperMb,
                             Map<String, Double> expectedCounts) {

    public boolean hasInterval() {
        return !Double.isNaN(lowerMb) && !Double.isNaN(upperMb);
    }

    public double expectedActions() {
        return expectedCounts.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
