package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabReaderTest {

    @TempDir
    Path directory;

    private Path cpuSeries() throws IOException {
        return TraceFiles.write(directory, "realKnownCause/ec2_cpu_a1.csv",
                "timestamp,value",
                "2014-05-14 01:14:00,50.0",
                "2014-05-14 01:19:00,100.0",
                "2014-05-14 01:24:00,25.0");
    }

    @Test
    void shouldScalePercentagesIntoUtilisationByTheFileMaximum() throws IOException {
        List<TelemetryEvent> events = TraceFiles.replay("nab", cpuSeries(), Topics.TELEMETRY);

        assertEquals(List.of(0.5, 1.0, 0.25), events.stream().map(TelemetryEvent::getCpuUtilization).toList());
        assertEquals(List.of(50.0, 100.0, 25.0), events.stream().map(event -> event.getKpis().get("value")).toList());
    }

    @Test
    void shouldNameHostAfterFileAndServiceAfterCategoryKeepingEventTime() throws IOException {
        TelemetryEvent first = TraceFiles.replay("nab", cpuSeries(), Topics.TELEMETRY).get(0);

        assertEquals("ec2_cpu_a1", first.getHostId());
        assertEquals("realKnownCause", first.getServiceId());
        assertEquals(Instant.parse("2014-05-14T01:14:00Z"), first.getTimestamp());
    }

    @Test
    void shouldPutRawValueIntoTheChosenNonFractionMetric() throws IOException {
        ReplayOptions options = ReplayOptions.defaults().withMetric(TelemetryMetric.parse("requestRate")).withServiceId("elb");

        List<TelemetryEvent> events = TraceFiles.replay("nab", options, cpuSeries(), Topics.TELEMETRY);

        assertEquals(List.of(50.0, 100.0, 25.0), events.stream().map(TelemetryEvent::getRequestRate).toList());
        assertEquals(0.0, events.get(0).getCpuUtilization());
        assertEquals("elb", events.get(0).getServiceId());
    }

    @Test
    void shouldLeaveFractionsThatAreAlreadyInRangeUnscaled() throws IOException {
        Path file = TraceFiles.write(directory, "errors.csv", "timestamp,value", "2014-05-14 01:14:00,0.2",
                "2014-05-14 01:19:00,0.4");
        ReplayOptions options = ReplayOptions.defaults().withMetric(TelemetryMetric.ERROR_RATE);

        List<TelemetryEvent> events = TraceFiles.replay("nab", options, file, Topics.TELEMETRY);

        assertEquals(List.of(0.2, 0.4), events.stream().map(TelemetryEvent::getErrorRate).toList());
    }
}
