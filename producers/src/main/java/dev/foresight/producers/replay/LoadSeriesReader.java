package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Message-rate series ({@code date,messages}) as the request rate of one service. {@code avazu_5min.csv}
 * becomes service {@code avazu}, host {@code avazu_5min}.
 */
final class LoadSeriesReader implements TraceReader {

    private final ReplayOptions options;

    LoadSeriesReader(ReplayOptions options) {
        this.options = options;
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        String hostId = CsvFiles.stem(file);
        int underscore = hostId.lastIndexOf('_');
        String serviceId = options.serviceId().orElse(underscore > 0 ? hostId.substring(0, underscore) : hostId);
        List<TimedEvent<?>> events = new ArrayList<>();
        for (CsvRow row : CsvFiles.read(file)) {
            events.add(ReplayEvents.timed(ReplayEvents
                    .telemetry(hostId + "-" + row.number(), hostId, serviceId, Timestamps.parseMillis(row.requiredText("date")))
                    .setRequestRate(row.requiredNumber("messages"))
                    .build()));
        }
        return events;
    }
}
