package dev.foresight.domain.synthesis;

import java.time.Duration;
import java.time.Instant;

/**
 * What a model says a need will be {@code horizon} after {@code issuedAt}: the point forecast and its
 * interval, in the need's unit (a ratio to the series' own baseline, or a count in a window).
 * The synthesizer reads forecasts only through this record, whichever model made them.
 */
public record NeedForecast(String metric, Instant issuedAt, Duration horizon, double value, double lower,
                           double upper, String model) {
}
