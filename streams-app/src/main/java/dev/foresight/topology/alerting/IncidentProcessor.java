package dev.foresight.topology.alerting;

import dev.foresight.domain.alerting.AlertingSettings;
import dev.foresight.domain.alerting.IncidentGrouper;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.Incident;
import dev.foresight.schema.events.IncidentAcknowledged;
import dev.foresight.serde.AvroSerdes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * An alert or an acknowledgement: load the open incident of its kind and subject, let the grouper decide, store
 * what stays open, forward the changes. A wall-clock punctuator runs the grouper's timers over every open incident
 * of the task (escalation and closing must happen when nothing arrives, so stream time cannot drive them).
 */
final class IncidentProcessor implements ProcessorSupplier<String, SpecificRecord, String, Incident> {

    static final String INCIDENT_STORE = "alerting-incident-store";
    /** Never in a subject or kind we write: the subject's incidents are exactly the keys with this prefix. */
    private static final String SEPARATOR = "\u0000";

    private final AlertingSettings settings;
    private final Serde<Incident> incidentSerde;

    IncidentProcessor(AvroSerdes serdes, AlertingSettings settings) {
        this.settings = settings;
        this.incidentSerde = serdes.valueSerde();
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENT_STORE), Serdes.String(),
                incidentSerde));
    }

    @Override
    public Processor<String, SpecificRecord, String, Incident> get() {
        return new Processor<>() {
            private final IncidentGrouper grouper = new IncidentGrouper(settings);
            private ProcessorContext<String, Incident> context;
            private KeyValueStore<String, Incident> incidents;

            @Override
            public void init(ProcessorContext<String, Incident> context) {
                this.context = context;
                this.incidents = context.getStateStore(INCIDENT_STORE);
                context.schedule(settings.timerInterval(), PunctuationType.WALL_CLOCK_TIME, this::tick);
            }

            @Override
            public void process(Record<String, SpecificRecord> record) {
                if (record.value() instanceof Alert alert) {
                    String key = alert.getSubject() + SEPARATOR + IncidentGrouper.causeOf(alert.getKind());
                    apply(key, grouper.alert(incidents.get(key), alert, context.currentSystemTimeMs()));
                } else if (record.value() instanceof IncidentAcknowledged ack) {
                    acknowledge(ack);
                }
            }

            private void acknowledge(IncidentAcknowledged ack) {
                List<KeyValue<String, Incident>> ofSubject = new ArrayList<>();
                try (KeyValueIterator<String, Incident> it = incidents.prefixScan(ack.getSubject() + SEPARATOR,
                        Serdes.String().serializer())) {
                    it.forEachRemaining(ofSubject::add);
                }
                ofSubject.stream().filter(kv -> kv.value.getIncidentId().equals(ack.getIncidentId())).findFirst()
                        .ifPresent(kv -> apply(kv.key, grouper.acknowledge(kv.value, ack)));
            }

            private void tick(long nowMs) {
                List<KeyValue<String, Incident>> open = new ArrayList<>();
                try (KeyValueIterator<String, Incident> it = incidents.all()) {
                    it.forEachRemaining(open::add);
                }
                open.forEach(kv -> apply(kv.key, grouper.tick(kv.value, nowMs)));
            }

            private void apply(String key, IncidentGrouper.Outcome outcome) {
                if (outcome.state() == null) {
                    incidents.delete(key);
                } else {
                    incidents.put(key, outcome.state());
                }
                outcome.emitted().forEach(incident -> context.forward(
                        new Record<>(incident.getSubject(), incident, incident.getIssuedAt().toEpochMilli())));
            }
        };
    }
}
