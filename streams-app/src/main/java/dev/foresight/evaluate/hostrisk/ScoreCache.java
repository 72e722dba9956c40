package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskSettings;
import dev.foresight.schema.state.HostRiskProfile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The per-minute host risks the topology gave a file, kept on disk so that trying another alert rule does not
 * replay it: the scores do not depend on the rule (threshold, exit, debounce). A kept trace is used only while
 * the file (name, size, modification time) and every scoring setting are what they were when it was written;
 * it holds the risks (and which hosts had settled) only, not the alerts, which the caller derives with the rules it
 * evaluates, and beside them the host risk profiles the file left, which later replays start from.
 */
final class ScoreCache {

    /** Raised whenever the scorer's arithmetic changes, so scores of an older scorer are never reused. */
    private static final String FORMAT = "# foresight host risk scores v4";
    private static final String KEY_META = "foresight.key";
    private static final String SETTLED = "s";
    private static final String COLD = "c";

    private final Path dir;

    /** @throws IllegalArgumentException if {@code dir} exists and is not a folder */
    ScoreCache(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Not a folder: " + dir);
        }
        this.dir = dir;
    }

    /** The kept trace of the file, or the file replayed (and then kept). */
    TopologyReplay.Result scores(Path file, TopologyReplay replay, HostRiskSettings settings) throws IOException {
        String key = key(file, settings);
        Path kept = dir.resolve(file.getFileName() + ".risks.gz");
        Path profiles = dir.resolve(file.getFileName() + ".profiles.avro");
        Optional<Map<String, HostRiskProfile>> keptProfiles = readProfiles(profiles, key);
        Optional<TopologyReplay.Result> cached = keptProfiles.isPresent() ? read(kept, key, keptProfiles.get())
                : Optional.empty();
        if (cached.isPresent()) {
            return cached.get();
        }
        TopologyReplay.Result result = replay.replay(file);
        writeProfiles(profiles, key, result.profiles());
        write(kept, key, result);
        return result;
    }

    /** What the scores depend on: the file and the scoring settings, not the alert rule. */
    static String key(Path file, HostRiskSettings s) throws IOException {
        return String.format(Locale.ROOT, "# %s %d %d | %s %s %d %s %s %d %d %s %s %s %s %s", file.getFileName(),
                Files.size(file), Files.getLastModifiedTime(file).toMillis(), s.round(), s.restartAfter(),
                s.warmupRounds(), s.levelAlpha(), s.deviationAlpha(), s.peers(), s.topSignals(), s.clip(),
                s.scaleFloor(), s.priorRounds(), s.smoothing(), s.keepScales());
    }

    private static Optional<TopologyReplay.Result> read(Path kept, String key, Map<String, HostRiskProfile> profiles)
            throws IOException {
        if (!Files.isRegularFile(kept)) {
            return Optional.empty();
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(kept)), StandardCharsets.UTF_8))) {
            if (!FORMAT.equals(in.readLine()) || !key.equals(in.readLine())) {
                return Optional.empty();
            }
            long deadLetters = Long.parseLong(in.readLine());
            List<Instant> rows = new ArrayList<>();
            RiskTrace.Recorder recorder = new RiskTrace.Recorder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split("\t");
                rows.add(Instant.ofEpochMilli(Long.parseLong(fields[0])));
                for (int i = 1; i + 2 < fields.length; i += 3) {
                    recorder.risk(fields[i], Double.parseDouble(fields[i + 1]), SETTLED.equals(fields[i + 2]));
                }
                recorder.endMinute();
            }
            return Optional.of(new TopologyReplay.Result(recorder.trace(), List.copyOf(rows), deadLetters, profiles));
        }
    }

    private static Optional<Map<String, HostRiskProfile>> readProfiles(Path kept, String key) throws IOException {
        if (!Files.isRegularFile(kept)) {
            return Optional.empty();
        }
        try (DataFileReader<HostRiskProfile> in = new DataFileReader<>(kept.toFile(),
                new SpecificDatumReader<>(HostRiskProfile.class))) {
            if (!key.equals(in.getMetaString(KEY_META))) {
                return Optional.empty();
            }
            Map<String, HostRiskProfile> profiles = new HashMap<>();
            in.forEach(profile -> profiles.put(profile.getServiceId() + "/" + profile.getHostId(), profile));
            return Optional.of(Map.copyOf(profiles));
        }
    }

    private void writeProfiles(Path kept, String key, Map<String, HostRiskProfile> profiles) throws IOException {
        Files.createDirectories(dir);
        Path partial = dir.resolve(kept.getFileName() + ".partial");
        try (DataFileWriter<HostRiskProfile> out = new DataFileWriter<>(new SpecificDatumWriter<>(HostRiskProfile.class))) {
            out.setMeta(KEY_META, key);
            out.create(HostRiskProfile.getClassSchema(), partial.toFile());
            for (HostRiskProfile profile : new TreeMap<>(profiles).values()) {
                out.append(profile);
            }
        }
        Files.move(partial, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Written aside and moved into place, so an interrupted write leaves no half trace to be read. */
    private void write(Path kept, String key, TopologyReplay.Result result) throws IOException {
        Files.createDirectories(dir);
        Path partial = dir.resolve(kept.getFileName() + ".partial");
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
            out.write(FORMAT + "\n" + key + "\n" + result.deadLetters() + "\n");
            for (int m = 1; m <= result.rows().size(); m++) {
                StringBuilder line = new StringBuilder(Long.toString(result.rows().get(m - 1).toEpochMilli()));
                Map<String, Double> risks = new TreeMap<>(result.trace().minute(m).risks());
                Set<String> settled = result.trace().minute(m).settled();
                risks.forEach((host, risk) -> line.append('\t').append(host).append('\t').append(risk).append('\t')
                        .append(settled.contains(host) ? SETTLED : COLD));
                out.write(line.append('\n').toString());
            }
        }
        Files.move(partial, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
