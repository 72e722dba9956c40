package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.BuildFinished;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * CI build histories (BF-Detector/TravisTorrent: {@code build_failed} plus numeric features, in time
 * order) as {@code BuildFinished}. Every numeric column except the label becomes a feature. The data has
 * no build durations (0 is sent) and only the hour a build started: builds in the same hour are spread a
 * minute apart, and files without the start columns get one build every ten minutes from 2020-01-01.
 */
final class CiBuildsReader implements TraceReader {

    static final String LABEL = "build_failed";
    static final long SAME_HOUR_SPACING_MS = Duration.ofMinutes(1).toMillis();
    static final long SYNTHETIC_SPACING_MS = Duration.ofMinutes(10).toMillis();
    static final long SYNTHETIC_START_MS = LocalDateTime.of(2020, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d*)?([eE][-+]?\\d+)?");

    private final ReplayOptions options;

    CiBuildsReader(ReplayOptions options) {
        this.options = options;
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        String stem = CsvFiles.stem(file);
        String serviceId = options.serviceId().orElse(stem.endsWith("_data") ? stem.substring(0, stem.length() - 5) : stem);
        List<TimedEvent<?>> events = new ArrayList<>();
        long previousMs = Long.MIN_VALUE / 2;
        for (CsvRow row : CsvFiles.read(file)) {
            if (!row.has(LABEL)) {
                continue;
            }
            OptionalLong hour = startHour(row);
            long timeMs = hour.isPresent()
                    ? Math.max(hour.getAsLong(), previousMs + SAME_HOUR_SPACING_MS)
                    : SYNTHETIC_START_MS + (row.number() - 1) * SYNTHETIC_SPACING_MS;
            previousMs = timeMs;
            boolean failed = row.requiredNumber(LABEL) != 0;
            String buildId = serviceId + "-" + row.number();
            events.add(ReplayEvents.pipeline(stem + "-" + row.number(), serviceId, timeMs,
                    new BuildFinished(buildId, 0L, !failed, features(row))));
        }
        return events;
    }

    private static OptionalLong startHour(CsvRow row) {
        if (!(row.has("year_of_start") && row.has("month_of_start") && row.has("day_of_start") && row.has("hour_of_start"))) {
            return OptionalLong.empty();
        }
        LocalDateTime hour = LocalDateTime.of((int) row.requiredNumber("year_of_start"),
                (int) row.requiredNumber("month_of_start"), (int) row.requiredNumber("day_of_start"),
                (int) row.requiredNumber("hour_of_start"), 0);
        return OptionalLong.of(hour.toInstant(ZoneOffset.UTC).toEpochMilli());
    }

    /** Numeric cells only: a text column is not a feature a model can use. */
    private static Map<String, Double> features(CsvRow row) {
        Map<String, Double> features = new LinkedHashMap<>();
        row.cells().forEach((column, value) -> {
            if (!column.equals(LABEL) && NUMBER.matcher(value.trim()).matches()) {
                features.put(column, Double.parseDouble(value.trim()));
            }
        });
        return features;
    }
}
