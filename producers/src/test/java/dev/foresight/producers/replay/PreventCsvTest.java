package dev.foresight.producers.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.schema.events.TelemetryEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreventCsvTest {

    private static final String HEADER = "timestamp,"
            + "db-1_system.cpu.total.norm.pct,db-1_system.memory.actual.used.pct,db-1_system.network.in.bytes,"
            + "db-1_system.network.out.bytes,db-1_system.network.name,db-1_system.load.1,db-1_system.cpu.cores,"
            + "db-1_system.fsstat.total_size.used,db-1_system.fsstat.total_size.total,"
            + "db-2_system.cpu.total.norm.pct,db-2_system.memory.actual.used.pct,db-2_system.network.in.bytes,"
            + "db-2_system.network.out.bytes,db-2_system.network.name,db-2_system.load.1,db-2_system.cpu.cores,"
            + "db-2_system.fsstat.total_size.used,db-2_system.fsstat.total_size.total,Unnamed: 19";

    @TempDir
    Path dir;

    @Test
    void shouldTurnEachRowIntoOneSamplePerHostWithRatesAndVaryingKpis() throws IOException {
        Path file = gzip("e1.csv.gz", HEADER,
                "2020-04-08T21:31:00.000Z,0.25,0.5,6000000,1500000,eth0,0.4,8,20,100,0.1,0.4,100,100,eth0,0.2,8,50,100,",
                "2020-04-08T21:32:00.000Z,0.35,0.6,12000000,3000000,eth0,0.9,8,20,100,0.1,0.4,100,100,eth0,0.2,8,50,100,");
        List<TelemetryEvent> samples = read(file);

        assertEquals(4, samples.size());
        assertEquals(List.of("db-1", "db-2", "db-1", "db-2"), samples.stream().map(TelemetryEvent::getHostId).toList());
        TelemetryEvent first = samples.get(0);
        TelemetryEvent second = samples.get(2);
        assertEquals("db", first.getServiceId());
        assertEquals(Instant.parse("2020-04-08T21:32:00Z"), second.getTimestamp());
        assertEquals(0.35, second.getCpuUtilization(), 1e-12);
        assertEquals(0.6, second.getMemoryUtilization(), 1e-12);
        assertEquals(0.2, second.getDiskUtilization(), 1e-12);
        assertEquals(0, first.getNetworkMbps(), "no rate before a counter's second row");
        // (6 MB + 1.5 MB) in 60 s = 125 kB/s = 1 Mbit/s
        assertEquals(1.0, second.getNetworkMbps(), 1e-9);
        assertEquals(100_000, second.getKpis().get("network.in.bytes_per_s"), 1e-6);
        assertEquals(0.9, second.getKpis().get("load.1"), 1e-12);
        assertFalse(second.getKpis().containsKey("cpu.cores"), "never changes");
        assertFalse(second.getKpis().containsKey("network.name"), "text");
        assertFalse(second.getKpis().containsKey("cpu.total.norm.pct"), "in the telemetry field");
        assertFalse(samples.get(3).getKpis().containsKey("load.1"), "constant on db-2");
    }

    @Test
    void shouldLeaveOutAnEmptyCellAndARateAcrossACounterReset() throws IOException {
        Path file = gzip("e2.csv.gz", HEADER,
                "2020-04-08T21:31:00.000Z,0.25,0.5,6000000,0,eth0,0.4,8,20,100,0.1,0.4,100,100,eth0,0.2,8,50,,",
                "2020-04-08T21:32:00.000Z,,0.6,10,0,eth0,,8,20,100,0.1,0.4,100,100,eth0,0.2,8,50,,");
        List<TelemetryEvent> samples = read(file);

        TelemetryEvent reset = samples.get(2);
        assertEquals(0, reset.getCpuUtilization());
        assertFalse(reset.getKpis().containsKey("load.1"));
        assertFalse(reset.getKpis().containsKey("network.in.bytes_per_s"));
        assertNull(samples.get(1).getDiskUtilization(), "no total on db-2");
    }

    @Test
    void shouldRejectAFileWithoutATimestampColumnOrWithARaggedRow() throws IOException {
        Path noTime = gzip("bad.csv.gz", "time,db-1_system.load.1", "1,2");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(noTime)).getMessage().contains("timestamp"));
        Path ragged = gzip("ragged.csv.gz", HEADER, "2020-04-08T21:31:00.000Z,0.25");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> read(ragged)).getMessage().contains("row 1"));
    }

    @Test
    void shouldReplayAsTelemetryKeyedByHostAtTheRecordedTime() throws IOException {
        Path file = gzip("e3.csv.gz", HEADER,
                "2020-04-08T21:31:00.000Z,0.25,0.5,6000000,1500000,eth0,0.4,8,20,100,0.1,0.4,100,100,eth0,0.2,8,50,100,");
        var events = Replayers.forFormat("prevent").events(file);
        assertEquals(2, events.size());
        assertEquals("telemetry.events.v1", events.get(0).topic().name());
        assertEquals("db-1", events.get(0).key());
        assertEquals(Instant.parse("2020-04-08T21:31:00Z").toEpochMilli(), events.get(0).timestampMs());
    }

    private List<TelemetryEvent> read(Path file) throws IOException {
        List<TelemetryEvent> samples = new ArrayList<>();
        new PreventCsv(Optional.empty()).forEach(file, samples::add);
        return samples;
    }

    private Path gzip(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
