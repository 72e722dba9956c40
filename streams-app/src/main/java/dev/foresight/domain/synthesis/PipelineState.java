package dev.foresight.domain.synthesis;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the synthesizer remembers about one pipeline, as JSON bytes for a state store: the current
 * version and definition, the forecasters and counters, the open trial, the bandits and their open
 * episodes, and the stage durations. Sorted maps, so equal states serialize to equal bytes.
 */
public final class PipelineState {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    int version;
    int lastVersion;
    String definitionJson;
    Map<String, TrendForecaster> forecasters = new TreeMap<>();
    Map<String, EventCount> counts = new TreeMap<>();
    Map<String, Boolean> needHigh = new TreeMap<>();
    Map<String, Long> activeUntil = new TreeMap<>();
    Map<String, Long> cooldownUntil = new TreeMap<>();
    Map<String, ThresholdBandit> bandits = new TreeMap<>();
    Map<String, Episode> episodes = new TreeMap<>();
    Map<String, Double> stageSeconds = new TreeMap<>();
    RunStats currentRuns = new RunStats();
    RunStats lastBaseline;
    Trial trial;
    long runs;

    /** A synthesized stage on trial against its parent version. */
    static final class Trial {
        String stageName;
        String stageType;
        int version;
        int parent;
        String parentDefinitionJson;
        String stageJson;
        RunStats parentRuns;
        HarmTest test = new HarmTest();
    }

    /** A synthesis waiting to learn whether the need it anticipated arrives, and when. */
    static final class Episode {
        int arm;
        long synthesizedMs;
        long readyMs;
    }

    public static PipelineState fromBytes(byte[] bytes) {
        try {
            return MAPPER.readValue(bytes, PipelineState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable pipeline state", e);
        }
    }

    public byte[] toBytes() {
        try {
            return MAPPER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int version() {
        return version;
    }

    /** The threshold multiplier and lead time in use for a stage type, if it is tuned. */
    public ThresholdBandit bandit(String stageType) {
        return bandits.get(stageType);
    }

    public boolean trialOpen() {
        return trial != null;
    }
}
