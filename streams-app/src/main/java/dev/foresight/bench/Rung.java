package dev.foresight.bench;

import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.TopologySettings;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/** The rungs of the benchmark ladder: each adds one layer of work to the same backlog. */
enum Rung {

    /** A plain consumer copying the input records, as bytes, to one topic with a plain producer. */
    L0("raw consume/produce, at-least-once"),
    /** Kafka Streams doing nothing: byte[] serdes, exactly-once, every input to one topic. */
    L1("Streams pass-through, byte[], exactly-once"),
    /** Our ingest stage: deserialize, validate, dead-letter; the valid records to one topic. */
    L2("L1 + ingest (Avro, validation, dead letters)"),
    /** The whole Foresight topology, every feature on. */
    L3("the full topology");

    /** Where L0–L2 write what they read. */
    static final String SINK_TOPIC = "bench.passthrough";

    private final String description;

    Rung(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    static List<String> inputNames() {
        return Topics.INPUTS.stream().map(TopicSpec::name).toList();
    }

    /** The Streams topology of this rung (L1–L3). */
    Topology topology(AvroSerdes serdes) {
        return switch (this) {
            case L0 -> throw new IllegalStateException("L0 runs no Streams topology");
            case L1 -> passThrough();
            case L2 -> ingestOnly(serdes);
            case L3 -> new ForesightTopology(serdes, TopologySettings.defaults()).build();
        };
    }

    private static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputNames(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-source"))
                .to(SINK_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("bench-sink"));
        return builder.build();
    }

    private static Topology ingestOnly(AvroSerdes serdes) {
        StreamsBuilder builder = new StreamsBuilder();
        ValidatedInputs inputs = ForesightTopology.ingest(builder, serdes, TopologySettings.defaults().ingest());
        sink(inputs.telemetry(), serdes, "telemetry");
        sink(inputs.workflows(), serdes, "workflow");
        sink(inputs.deployments(), serdes, "deployment");
        sink(inputs.pipelines(), serdes, "pipeline");
        sink(inputs.health(), serdes, "health");
        return builder.build();
    }

    private static <V extends SpecificRecord> void sink(KStream<String, V> stream, AvroSerdes serdes, String name) {
        stream.to(SINK_TOPIC, Produced.with(Serdes.String(), serdes.<V>valueSerde()).withName("bench-" + name + "-sink"));
    }
}
