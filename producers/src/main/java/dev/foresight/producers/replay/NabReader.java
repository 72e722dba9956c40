package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.TelemetryEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NAB series ({@code timestamp,value}): each row becomes a sample of the host named after the file, the
 * value put into the chosen metric. Utilisation metrics are divided by the file's maximum when it
 * exceeds 1, as NAB's CPU series are percentages. The raw value is kept in {@code kpis.value}.
 */
final class NabReader implements TraceReader {

    private final ReplayOptions options;

    NabReader(ReplayOptions options) {
        this.options = options;
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        List<CsvRow> rows = CsvFiles.read(file);
        String hostId = CsvFiles.stem(file);
        String serviceId = options.serviceId().orElse(serviceFromFolder(file, hostId));
        TelemetryMetric metric = options.metric();
        double max = rows.stream().mapToDouble(row -> row.requiredNumber("value")).max().orElse(1);
        double divisor = metric.isFraction() && max > 1 ? max : 1;
        List<TimedEvent<?>> events = new ArrayList<>();
        for (CsvRow row : rows) {
            double value = row.requiredNumber("value");
            TelemetryEvent.Builder sample = ReplayEvents.telemetry(hostId + "-" + row.number(), hostId, serviceId,
                    Timestamps.parseMillis(row.requiredText("timestamp")));
            metric.set(sample, metric.isFraction() ? Math.max(0, value / divisor) : value);
            events.add(ReplayEvents.timed(sample.setKpis(Map.of("value", value)).build()));
        }
        return events;
    }

    /** NAB files live in a folder per category, e.g. {@code realAWSCloudwatch}. */
    private static String serviceFromFolder(Path file, String fallback) {
        Path folder = file.toAbsolutePath().getParent();
        return folder == null ? fallback : folder.getFileName().toString();
    }
}
