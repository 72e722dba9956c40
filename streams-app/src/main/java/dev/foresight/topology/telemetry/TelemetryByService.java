package dev.foresight.topology.telemetry;

import dev.foresight.schema.events.TelemetryEvent;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Validated telemetry re-keyed by serviceId through the one repartition topic {@value #REPARTITION},
 * shared by every feature that needs all hosts of a service in one task (the service windows, host
 * risk). Each used to re-key the same samples through a topic of its own: one more copy of all
 * telemetry, the largest input, written, read and decoded per feature.
 */
public final class TelemetryByService {

    public static final String REPARTITION = "telemetry-by-service";

    private TelemetryByService() {
    }

    /** @param telemetry validated telemetry, key hostId */
    public static KStream<String, TelemetryEvent> of(KStream<String, TelemetryEvent> telemetry,
                                                     Serde<TelemetryEvent> serde) {
        return telemetry.selectKey((host, event) -> event.getServiceId(), Named.as("telemetry-service-key"))
                .repartition(Repartitioned.<String, TelemetryEvent>as(REPARTITION)
                        .withKeySerde(Serdes.String()).withValueSerde(serde));
    }
}
