package dev.foresight.evaluate.hostrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.hostrisk.HostRiskSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreCacheTest {

    private static final Instant START = Instant.parse("2020-04-08T21:31:00Z");

    @TempDir
    Path dir;

    /** Four hosts, a CPU and a memory column each, with noise: 30 minutes pass the 20-round warm-up. */
    private Path recording(int minutes) throws IOException {
        Path file = dir.resolve("normal_tiny.csv");
        Random random = new Random(3);
        List<String> lines = new ArrayList<>();
        StringBuilder header = new StringBuilder("timestamp");
        for (int h = 1; h <= 4; h++) {
            header.append(",r-").append(h).append("_system.cpu.total.norm.pct,r-").append(h)
                    .append("_system.memory.actual.used.pct");
        }
        lines.add(header.toString());
        for (int m = 0; m < minutes; m++) {
            StringBuilder row = new StringBuilder(START.plus(Duration.ofMinutes(m)).toString());
            for (int h = 1; h <= 4; h++) {
                row.append(String.format(Locale.ROOT, ",%.3f,%.3f", 0.3 + 0.05 * random.nextDouble(),
                        0.5 + 0.05 * random.nextDouble()));
            }
            lines.add(row.toString());
        }
        Files.write(file, lines);
        return file;
    }

    @Test
    void shouldReuseTheKeptScoresOfAnUnchangedFileAndSettings() throws IOException {
        Path file = recording(30);
        HostRiskSettings settings = HostRiskSettings.defaults();
        TopologyReplay replay = new TopologyReplay(settings);
        ScoreCache cache = new ScoreCache(dir.resolve("scores"));

        TopologyReplay.Result replayed = cache.scores(file, replay, settings);
        assertEquals(30, replayed.rows().size());
        assertFalse(replayed.trace().minute(25).risks().isEmpty(), "scored after the warm-up");
        Path kept = dir.resolve("scores/normal_tiny.csv.risks.gz");
        assertTrue(Files.isRegularFile(kept));

        rewriteFirstRisk(kept, "0.123456");
        TopologyReplay.Result reused = cache.scores(file, replay, settings.withThresholds(0.5, 0.4));
        assertEquals(replayed.rows(), reused.rows());
        assertEquals(4, reused.profiles().size());
        assertEquals(replayed.profiles(), reused.profiles(), "the profiles the file left, kept beside its scores");
        assertTrue(reused.trace().between(1, 31).stream().anyMatch(m -> m.risks().containsValue(0.123456)),
                "read from the kept file: another alert rule does not change the scores");

        TopologyReplay.Result rescored = cache.scores(file, replay, new HostRiskSettings(settings.round(),
                settings.restartAfter(), settings.warmupRounds(), settings.levelAlpha(), settings.deviationAlpha(),
                settings.peers(), settings.topSignals(), settings.clip(), settings.scaleFloor(), settings.priorRounds(), 0.5,
                settings.alertThreshold(), settings.exitThreshold(), settings.alertRounds(), settings.coldAlertThreshold(),
                settings.coldExitThreshold(), settings.keepScales()));
        assertTrue(rescored.trace().between(1, 31).stream().noneMatch(m -> m.risks().containsValue(0.123456)),
                "another smoothing is another score: replayed");
    }

    @Test
    void shouldStartAReplayFromTheProfilesAnotherLeftAsAfterARestart() throws IOException {
        Path file = recording(60);
        TopologyReplay replay = new TopologyReplay(HostRiskSettings.defaults().withKeptScales(true));
        TopologyReplay.Result first = replay.replay(file);
        // the same hour again, from the profiles it left: levels learnt afresh (the clock moved back), scales kept
        TopologyReplay.Result again = replay.replay(file, first.profiles());
        first.profiles().forEach((key, before) -> {
            assertEquals(before.getSamples(), again.profiles().get(key).getKeptRounds(), key);
            assertEquals(before.getSamples(), again.profiles().get(key).getSamples(), key);
        });
        assertTrue(again.trace().minute(20).risks().isEmpty(), "levels warm up again");
    }

    /** Replaces the first risk value of the kept file, keeping its header and key. */
    private static void rewriteFirstRisk(Path kept, String value) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(kept)), StandardCharsets.UTF_8))) {
            boolean done = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split("\t");
                if (!done && fields.length >= 3) {
                    fields[2] = value;
                    line = String.join("\t", fields);
                    done = true;
                }
                lines.add(line);
            }
        }
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(kept)),
                StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line + "\n");
            }
        }
    }
}
