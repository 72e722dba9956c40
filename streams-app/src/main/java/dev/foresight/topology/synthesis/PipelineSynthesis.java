package dev.foresight.topology.synthesis;

import dev.foresight.domain.synthesis.SynthesisRecords;
import dev.foresight.domain.synthesis.SynthesisOutput;
import dev.foresight.domain.synthesis.SynthesisSettings;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.state.PipelineTemplate;
import dev.foresight.schema.internal.SynthesisInput;
import dev.foresight.schema.state.PipelineVersion;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topic;
import dev.foresight.topology.Sinks;
import dev.foresight.topology.Sources;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Pipeline synthesis: stages synthesized as code ahead of a predicted need, every definition versioned,
 * harmful stages rolled back to their parent, thresholds tuned from outcomes.
 *
 * <p><b>Inputs:</b> the anomaly-score topic (the closed minutes of the series a rule watches, key
 * {@code <serviceId>/<metric>}), the forecast topic (the delivery signals' forecasts of those series, same
 * key), validated pipeline events (only {@link PipelineRunFinished}), and the
 * template topic as the global table {@value #TEMPLATE_STORE} (key templateId).
 * <b>Repartition:</b> {@value #BY_PIPELINE} (values {@code SynthesisInput}, an Avro union of the three): minutes,
 * forecasts and runs through one topic keyed by serviceId, so one task sees a pipeline's needs and outcomes in one order.
 * <b>Stores</b> (persistent, changelogged): {@value #PIPELINE_STORE} (serviceId → the synthesizer's state
 * as JSON bytes), {@value #VERSION_STORE} ({@code <serviceId>@<10-digit version>} → {@link PipelineVersion}).
 * <b>Outputs:</b> the commands topic (key serviceId, ADD_STAGE / ROLLBACK), the versions topic (key
 * {@code <serviceId>@<version>}), the decisions topic (key serviceId).
 */
public final class PipelineSynthesis {

    public static final String PIPELINE_STORE = "synthesis-pipeline-store";
    public static final String VERSION_STORE = "synthesis-version-store";
    public static final String TEMPLATE_STORE = "synthesis-template-store";
    static final String BY_PIPELINE = "synthesis-inputs-by-pipeline";

    private final SynthesisSettings settings;
    private final SynthesisTopics topics;
    private final Serde<SynthesisInput> inputSerde;
    private final Serde<PipelineVersion> versionSerde;
    private final Set<String> watched;

    public PipelineSynthesis(AvroSerdes serdes, SynthesisSettings settings, SynthesisTopics topics) {
        this.settings = settings;
        this.topics = topics;
        this.inputSerde = serdes.valueSerde();
        this.versionSerde = serdes.valueSerde();
        this.watched = settings.rules().stream().flatMap(rule -> rule.metrics().stream()).collect(Collectors.toSet());
    }

    public void build(StreamsBuilder builder, KStream<String, PipelineEvent> pipelines) {
        templates(builder);
        KStream<String, SynthesisOutput> outputs = inputs(builder, pipelines)
                .process(new SynthesisProcessor(settings, versionSerde), Named.as("synthesis-synthesize"));
        outputs.split(Named.as("synthesis-output-"))
                .branch((key, out) -> out instanceof SynthesisOutput.StageCommand, Branched.withConsumer(commands ->
                        commands.mapValues(out -> SynthesisRecords.command((SynthesisOutput.StageCommand) out),
                                        Named.as("synthesis-command"))
                                .to(topics.commands().name(), Sinks.produced(topics.commands(), "synthesis-command-sink")),
                        "command"))
                .branch((key, out) -> out instanceof SynthesisOutput.Version, Branched.withConsumer(versions ->
                        versions.map((key, out) -> {
                            SynthesisOutput.Version v = (SynthesisOutput.Version) out;
                            return KeyValue.pair(SynthesisRecords.topicKey(v.pipeline(), v.version()),
                                    SynthesisRecords.version(v));
                        }, Named.as("synthesis-version"))
                                .to(topics.versions().name(), Sinks.produced(topics.versions(), "synthesis-version-sink")),
                        "version"))
                .defaultBranch(Branched.withConsumer(decisions -> decisions
                        .mapValues(out -> SynthesisRecords.logged((SynthesisOutput.Logged) out), Named.as("synthesis-decision"))
                        .to(topics.decisions().name(), Sinks.produced(topics.decisions(), "synthesis-decision-sink")),
                        "decision"));
    }

    private void templates(StreamsBuilder builder) {
        Topic<String, PipelineTemplate> templates = topics.templates();
        builder.globalTable(templates.name(), Sources.consumed(templates, "synthesis-templates-source"),
                Materialized.<String, PipelineTemplate, KeyValueStore<Bytes, byte[]>>as(TEMPLATE_STORE)
                        .withKeySerde(templates.keySerde()).withValueSerde(templates.valueSerde()));
    }

    /** The watched minutes, the pipeline runs and the watched forecasts, keyed by serviceId, through one repartition. */
    private KStream<String, SpecificRecord> inputs(StreamsBuilder builder, KStream<String, PipelineEvent> pipelines) {
        KStream<String, SynthesisInput> minutes = builder.stream(topics.anomalyScores().name(),
                        Sources.consumed(topics.anomalyScores(), "synthesis-anomaly-source"))
                .filter((key, score) -> score != null && watched.contains(score.getMetric()),
                        Named.as("synthesis-watched-minutes"))
                .selectKey((key, score) -> score.getServiceId(), Named.as("synthesis-minute-by-service"))
                .mapValues(SynthesisInput::new, Named.as("synthesis-minute"));
        KStream<String, SynthesisInput> runs = pipelines
                .filter((key, event) -> event.getPayload() instanceof PipelineRunFinished, Named.as("synthesis-runs"))
                .selectKey((key, event) -> event.getServiceId(), Named.as("synthesis-run-by-service"))
                .mapValues(SynthesisInput::new, Named.as("synthesis-run"));
        KStream<String, SynthesisInput> forecasts = builder.stream(topics.forecasts().name(),
                        Sources.consumed(topics.forecasts(), "synthesis-forecast-source"))
                .filter((key, forecast) -> forecast != null && watched.contains(forecast.getMetric()),
                        Named.as("synthesis-watched-forecasts"))
                .selectKey((key, forecast) -> forecast.getServiceId(), Named.as("synthesis-forecast-by-service"))
                .mapValues(SynthesisInput::new, Named.as("synthesis-forecast"));
        return minutes.merge(runs, Named.as("synthesis-merge-runs"))
                .merge(forecasts, Named.as("synthesis-merge-forecasts"))
                .repartition(Repartitioned.<String, SynthesisInput>as(BY_PIPELINE)
                        .withKeySerde(Serdes.String()).withValueSerde(inputSerde))
                .mapValues(input -> (SpecificRecord) input.getInput(), Named.as("synthesis-input"));
    }
}
