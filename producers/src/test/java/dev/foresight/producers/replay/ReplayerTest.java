package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.foresight.producers.FakeClock;
import dev.foresight.producers.RecordingEventSink;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {

    @TempDir
    Path directory;

    /** Four samples ten minutes apart, listed out of order. */
    private Path series() throws IOException {
        return TraceFiles.write(directory, "host.csv", "timestamp,value",
                "2014-05-14 01:10:00,0.2",
                "2014-05-14 01:00:00,0.1",
                "2014-05-14 01:30:00,0.4",
                "2014-05-14 01:20:00,0.3");
    }

    @Test
    void shouldSendInEventTimeOrderWithEventTimeAsRecordTimestamp() throws IOException {
        RecordingEventSink sink = new RecordingEventSink();

        long sent = Replayers.forFormat("nab").replay(series(), sink, Speedup.MAX);

        assertEquals(4, sent);
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4),
                sink.values(Topics.TELEMETRY).stream().map(TelemetryEvent::getCpuUtilization).toList());
        for (TimedEvent<?> event : sink.events()) {
            assertEquals(((TelemetryEvent) event.value()).getTimestamp().toEpochMilli(), event.timestampMs());
            assertEquals("host", event.key());
        }
    }

    @Test
    void shouldTakeEventTimeDividedBySpeedupInWallClockTime() throws IOException {
        FakeClock clock = new FakeClock();

        Replayers.forFormat("nab").replay(series(), new RecordingEventSink(), clock.pacer(new Speedup(600)), () -> false);

        // 30 minutes of event time at 600x is 3 seconds.
        assertEquals(3_000, clock.totalSleptMs());
    }

    @Test
    void shouldStopSendingWhenAsked() throws IOException {
        RecordingEventSink sink = new RecordingEventSink();

        long sent = Replayers.forFormat("nab").replay(series(), sink, Speedup.MAX, () -> sink.events().size() == 2);

        assertEquals(2, sent);
        assertEquals(2, sink.events().size());
    }

    @Test
    void shouldRebaseEveryEventKeepingTheSpacing() throws IOException {
        Instant rebase = Instant.parse("2025-01-01T00:00:00Z");
        Replayer replayer = Replayers.forFormat("nab", ReplayOptions.defaults().withRebaseTo(rebase));

        List<TimedEvent<?>> events = replayer.events(series());

        assertEquals(List.of(rebase, rebase.plusSeconds(600), rebase.plusSeconds(1200), rebase.plusSeconds(1800)),
                events.stream().map(event -> ((TelemetryEvent) event.value()).getTimestamp()).toList());
        assertEquals(rebase.plusSeconds(1800).toEpochMilli(), events.get(3).timestampMs());
    }

    @Test
    void shouldOfferEveryDocumentedFormatAndRejectOthers() {
        Replayers.FORMATS.forEach(format -> Replayers.forFormat(format.toUpperCase(Locale.ROOT)));

        assertThrows(IllegalArgumentException.class, () -> Replayers.forFormat("parquet"));
    }

    @Test
    void shouldNameTheRowAndColumnOfAMalformedValue() throws IOException {
        Path file = TraceFiles.write(directory, "bad.csv", "timestamp,value", "2014-05-14 01:00:00,0.1",
                "2014-05-14 01:05:00,lots");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Replayers.forFormat("nab").events(file));

        assertEquals("row 2: column 'value' is not a number: 'lots'", error.getMessage());
    }
}
