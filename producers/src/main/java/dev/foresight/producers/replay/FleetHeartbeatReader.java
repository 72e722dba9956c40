package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Heartbeat logs ({@code heartbeat/ticks_*.jsonl}), one tick per line:
 * {@code {"timestamp": "2026-03-29T10:00:00Z", "gitea_alive": true, "inference_ok": true}}.
 * Either flag may also sit inside {@code perception} (and inference health inside
 * {@code perception.model_health}), or be spelt {@code forge_alive}/{@code gitea_ok} and
 * {@code inference_healthy}/{@code model_ok}. A tick that does not say is taken as healthy.
 */
final class FleetHeartbeatReader implements TraceReader {

    private final ReplayOptions options;

    FleetHeartbeatReader(ReplayOptions options) {
        this.options = options;
    }

    @Override
    public List<TimedEvent<?>> read(Path file) throws IOException {
        String fleet = options.serviceId().orElse(FleetMetricsReader.DEFAULT_FLEET);
        String stem = CsvFiles.stem(file);
        List<TimedEvent<?>> events = new ArrayList<>();
        for (JsonlLines.Line line : JsonlLines.read(file)) {
            long timeMs = line.timeMs("timestamp", "ts", "time");
            FleetHeartbeatEvent event = FleetHeartbeatEvent.newBuilder()
                    .setEventId(stem + "-" + line.number())
                    .setFleetId(fleet)
                    .setTimestamp(Instant.ofEpochMilli(timeMs))
                    .setForgeAvailable(line.flag(true, "gitea_alive", "forge_alive", "gitea_ok",
                            "perception.gitea_alive", "perception.forge_alive"))
                    .setInferenceHealthy(line.flag(true, "inference_ok", "inference_healthy", "model_ok",
                            "perception.inference_ok", "perception.model_health.inference_ok"))
                    .build();
            events.add(new TimedEvent<>(Topics.FLEET_HEARTBEATS, fleet, event, timeMs));
        }
        return events;
    }
}
