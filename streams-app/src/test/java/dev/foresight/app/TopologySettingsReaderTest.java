package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.topology.TopologySettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

class TopologySettingsReaderTest {

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheDefaultsBackWhenNothingIsOverridden() {
        assertEquals(TopologySettings.defaults(), TopologySettingsReader.apply(TopologySettings.defaults(), Map.of()));
    }

    @Test
    void shouldOverrideTheNamedFieldsAndKeepEveryOther() throws IOException {
        Path file = dir.resolve("foresight.properties");
        Files.writeString(file, """
                kafka.linger.ms=20
                foresight.hostRisk.alertThreshold=0.9
                foresight.aggregation.hostWindow=5m
                foresight.ingest.maxPayloadBytes=65536
                foresight.workflow.allocation.headroom=0.25
                """);
        TopologySettings settings = TopologySettingsReader.read(file);
        TopologySettings defaults = TopologySettings.defaults();
        assertEquals(0.9, settings.hostRisk().alertThreshold());
        assertEquals(Duration.ofMinutes(5), settings.aggregation().hostWindow());
        assertEquals(65536, settings.ingest().maxPayloadBytes());
        assertEquals(0.25, settings.workflow().allocation().headroom());
        assertEquals(defaults.hostRisk().exitThreshold(), settings.hostRisk().exitThreshold());
        assertEquals(defaults.deployment(), settings.deployment());
        assertEquals(defaults.orchestration(), settings.orchestration());
    }

    @Test
    void shouldNameAnUnknownKeyAndTheKnownOnes() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> TopologySettingsReader.apply(
                TopologySettings.defaults(), Map.of("hostRisk.alertTreshold", "0.9")));
        assertTrue(e.getMessage().contains("unknown setting foresight.hostRisk.alertTreshold"), e.getMessage());
        assertTrue(e.getMessage().contains("alertThreshold"), e.getMessage());
    }

    @Test
    void shouldNameTheKeyOfAValueOfTheWrongType() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> TopologySettingsReader.apply(
                TopologySettings.defaults(), Map.of("ingest.maxPayloadBytes", "lots")));
        assertTrue(e.getMessage().contains("foresight.ingest.maxPayloadBytes"), e.getMessage());
    }

    @Test
    void shouldRefuseToRunWithUsageCodeOnABadSettingBeforeStartingAnything() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "foresight.hostRisk.alertTreshold=0.9\n");
        StringWriter err = new StringWriter();
        CommandLine cli = ForesightCli.commandLine().setErr(new PrintWriter(err));

        assertEquals(ForesightCli.USAGE, cli.execute("run", "--config", file.toString(), "--broker-port", "0",
                "--data-dir", dir.resolve("kafka").toString(), "--state-dir", dir.resolve("state").toString()));
        assertTrue(err.toString().contains("unknown setting foresight.hostRisk.alertTreshold"), err.toString());
    }

    @Test
    void shouldReportTheRecordsOwnCheckForAnImpossibleCombination() {
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> TopologySettingsReader.apply(
                TopologySettings.defaults(), Map.of("hostRisk.alertThreshold", "0.5", "hostRisk.exitThreshold", "0.6")));
        assertTrue(e.getMessage().contains("invalid host risk settings"), e.getMessage());
    }
}
