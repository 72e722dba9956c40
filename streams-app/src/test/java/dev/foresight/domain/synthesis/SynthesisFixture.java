package dev.foresight.domain.synthesis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A synthesizer over the shipped templates and one pipeline's state, recording everything it emits. */
final class SynthesisFixture {

    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final String PIPELINE = "checkout";

    final Map<String, StageTemplate> templates = ShippedTemplates.parsed();
    final PipelineSynthesizer synthesizer;
    PipelineState state = new PipelineState();
    final List<SynthesisOutput> outputs = new ArrayList<>();

    SynthesisFixture(SynthesisSettings settings) {
        this.synthesizer = new PipelineSynthesizer(settings, id -> Optional.ofNullable(templates.get(id)));
    }

    SynthesisFixture() {
        this(SynthesisSettings.defaults());
    }

    static Instant minute(int m) {
        return T0.plusSeconds(60L * m);
    }

    List<SynthesisOutput> signal(String metric, int minute, double value) {
        return record(synthesizer.onSignal(state, PIPELINE, metric, minute(minute), value, false));
    }

    List<SynthesisOutput> anomaly(String metric, int minute, double value) {
        return record(synthesizer.onSignal(state, PIPELINE, metric, minute(minute), value, true));
    }

    List<SynthesisOutput> run(int minute, int version, double testSeconds, boolean succeeded) {
        PipelineRun run = new PipelineRun("run-" + minute, minute(minute), version, succeeded, List.of(
                new PipelineRun.StageRun("build", 300, true, 1.0),
                new PipelineRun.StageRun("test", testSeconds, succeeded, 1.0),
                new PipelineRun.StageRun("deploy", 120, true, 0.5)));
        return record(synthesizer.onRun(state, PIPELINE, run));
    }

    /** Flat traffic, then a ramp from 1× to 2.2× over 40 minutes peaking at {@code peak}; small fixed wiggle. */
    static double ramp(int minute, int peak) {
        int start = peak - 40;
        double wiggle = 1 + 0.02 * Math.sin(minute * 1.7);
        if (minute <= start) {
            return 100 * wiggle;
        }
        double up = Math.min(1, (minute - start) / 40.0);
        return 100 * (1 + 1.2 * up) * wiggle;
    }

    /** Round-trips the state through its bytes, as the store does between records. */
    void persist() {
        state = PipelineState.fromBytes(state.toBytes());
    }

    private List<SynthesisOutput> record(List<SynthesisOutput> out) {
        outputs.addAll(out);
        persist();
        return out;
    }

    <T extends SynthesisOutput> List<T> all(Class<T> type) {
        return outputs.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<SynthesisOutput.Logged> logged(SynthesisOutput.Kind kind) {
        return all(SynthesisOutput.Logged.class).stream().filter(l -> l.kind() == kind).toList();
    }
}
