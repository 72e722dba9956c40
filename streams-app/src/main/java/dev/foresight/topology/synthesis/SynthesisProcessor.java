package dev.foresight.topology.synthesis;

import dev.foresight.domain.synthesis.TemplateCache;
import dev.foresight.domain.synthesis.SynthesisRecords;
import dev.foresight.domain.synthesis.PipelineState;
import dev.foresight.domain.synthesis.PipelineSynthesizer;
import dev.foresight.domain.synthesis.SynthesisOutput;
import dev.foresight.domain.synthesis.SynthesisSettings;
import dev.foresight.schema.commands.AlertChange;
import dev.foresight.schema.commands.AnomalyScore;
import dev.foresight.schema.commands.SeriesForecast;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.state.PipelineTemplate;
import dev.foresight.schema.state.PipelineVersion;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Load the pipeline's state, hand the input to the {@link PipelineSynthesizer}, store the state and every
 * new version, forward what it emitted. Inputs are a service's closed minutes ({@link AnomalyScore}), the
 * forecasts of its series ({@link SeriesForecast}) and its pipeline runs ({@link PipelineEvent} with a {@link PipelineRunFinished}), keyed by serviceId.
 */
final class SynthesisProcessor implements ProcessorSupplier<String, SpecificRecord, String, SynthesisOutput> {

    private final SynthesisSettings settings;
    private final Serde<PipelineVersion> versionSerde;

    SynthesisProcessor(SynthesisSettings settings, Serde<PipelineVersion> versionSerde) {
        this.settings = settings;
        this.versionSerde = versionSerde;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PipelineSynthesis.PIPELINE_STORE),
                        Serdes.String(), Serdes.ByteArray()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PipelineSynthesis.VERSION_STORE),
                        Serdes.String(), versionSerde));
    }

    @Override
    public Processor<String, SpecificRecord, String, SynthesisOutput> get() {
        return new Processor<>() {
            private ProcessorContext<String, SynthesisOutput> context;
            private KeyValueStore<String, byte[]> pipelines;
            private KeyValueStore<String, PipelineVersion> versions;
            private PipelineSynthesizer synthesizer;

            @Override
            public void init(ProcessorContext<String, SynthesisOutput> context) {
                this.context = context;
                this.pipelines = context.getStateStore(PipelineSynthesis.PIPELINE_STORE);
                this.versions = context.getStateStore(PipelineSynthesis.VERSION_STORE);
                TimestampedKeyValueStore<String, PipelineTemplate> templates =
                        context.getStateStore(PipelineSynthesis.TEMPLATE_STORE);
                TemplateCache cache = new TemplateCache(id -> {
                    ValueAndTimestamp<PipelineTemplate> found = templates.get(id);
                    return found == null ? null : found.value();
                });
                this.synthesizer = new PipelineSynthesizer(settings, cache::get);
            }

            @Override
            public void process(Record<String, SpecificRecord> record) {
                String pipeline = record.key();
                byte[] stored = pipelines.get(pipeline);
                PipelineState state = stored == null ? new PipelineState() : PipelineState.fromBytes(stored);
                List<SynthesisOutput> outputs = handle(state, pipeline, record.value());
                pipelines.put(pipeline, state.toBytes());
                for (SynthesisOutput output : outputs) {
                    if (output instanceof SynthesisOutput.Version v) {
                        versions.put(SynthesisRecords.storeKey(pipeline, v.version()), SynthesisRecords.version(v));
                    }
                    context.forward(record.withValue(output));
                }
            }

            private List<SynthesisOutput> handle(PipelineState state, String pipeline, SpecificRecord input) {
                if (input instanceof AnomalyScore score) {
                    return synthesizer.onSignal(state, pipeline, score.getMetric(), score.getWindowStart(),
                            score.getValue(), score.getAlertChange() == AlertChange.RAISED);
                }
                if (input instanceof SeriesForecast forecast) {
                    return synthesizer.onForecast(state, pipeline, SynthesisRecords.outlook(forecast));
                }
                PipelineEvent event = (PipelineEvent) input;
                return synthesizer.onRun(state, pipeline,
                        SynthesisRecords.run(event, (PipelineRunFinished) event.getPayload()));
            }
        };
    }
}
