package dev.foresight.domain.synthesis;

import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.commands.SynthesisDecision;
import dev.foresight.schema.commands.SynthesisDecisionKind;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.state.PipelineVersion;
import java.util.Locale;

/** Between the synthesizer's records and the Avro contracts on the topics. */
public final class SynthesisRecords {

    public static final String MODEL_VERSION = "1";

    private SynthesisRecords() {
    }

    /** The version store's key: zero-padded, so a prefix scan lists a pipeline's versions in order. */
    public static String storeKey(String pipeline, int version) {
        return String.format(Locale.ROOT, "%s@%010d", pipeline, version);
    }

    /** The versions topic's key. */
    public static String topicKey(String pipeline, int version) {
        return pipeline + "@" + version;
    }

    public static PipelineRun run(PipelineEvent event, PipelineRunFinished run) {
        return new PipelineRun(run.getRunId(), event.getTimestamp(), run.getPipelineVersion(), run.getSucceeded(),
                run.getStages().stream().map(s -> new PipelineRun.StageRun(s.getName(), s.getDurationMs() / 1000.0,
                        s.getSucceeded(), s.getCost())).toList());
    }

    public static SeriesOutlook outlook(SeriesForecast forecast) {
        return new SeriesOutlook(forecast.getMetric(), forecast.getIssuedAt(), forecast.getModel(),
                forecast.getPoints().stream().map(p -> new SeriesOutlook.Point(p.getAt(), p.getValue(), p.getLower(),
                        p.getUpper())).toList());
    }

    public static PipelineVersion version(SynthesisOutput.Version v) {
        return new PipelineVersion(v.pipeline(), v.version(), v.parent(), v.contentHash(), v.json(), v.yaml(),
                v.diff(), v.madeBy(), v.reason(), v.at());
    }

    public static PipelineSynthesisCommand command(SynthesisOutput.StageCommand c) {
        return PipelineSynthesisCommand.newBuilder()
                .setCommandId(c.pipeline() + "@" + c.version())
                .setIssuedAt(c.at())
                .setServiceId(c.pipeline())
                .setOperation(StageOperation.valueOf(c.operation().name()))
                .setStageType(c.stageType())
                .setStageName(c.stageName())
                .setPipelineVersion(c.version())
                .setParentVersion(c.parent())
                .setContentHash(c.contentHash())
                .setStageDefinition(c.stageJson())
                .setStageYaml(c.stageYaml())
                .setDecision(decision(c.reason()))
                .build();
    }

    public static SynthesisDecision logged(SynthesisOutput.Logged l) {
        return new SynthesisDecision(l.pipeline(), l.at(), SynthesisDecisionKind.valueOf(l.kind().name()),
                l.stageType(), l.version(), decision(l.reason()));
    }

    private static Decision decision(SynthesisOutput.Reason reason) {
        return Decision.newBuilder().setMadeBy(reason.madeBy()).setVersion(MODEL_VERSION)
                .setInputs(reason.inputs()).setThresholds(reason.thresholds()).setExplanation(reason.explanation())
                .build();
    }
}
