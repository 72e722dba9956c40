package dev.foresight.topology.alerting;

import dev.foresight.domain.alerting.AlertingSettings;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.Sinks;
import dev.foresight.topology.Sources;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Alerts become incidents: grouped by cause (alert kind) and subject over a window, deduplicated, severity raised
 * when the pattern repeats, escalated when unacknowledged (see {@code domain.alerting.IncidentGrouper}).
 *
 * <p>Inputs: the alert topic ({@code alerting-alert-source}) and the acknowledgement topic
 * ({@code alerting-ack-source}), both keyed by subject and merged, so an acknowledgement meets its incident in the
 * same task: no repartition. Store:
 * {@value IncidentProcessor#INCIDENT_STORE} (subject and kind → the open incident). Processor:
 * {@code alerting-group}. Output: every change of an incident on the incident topic, keyed by subject.
 */
public final class AlertGrouping {

    private final AvroSerdes serdes;
    private final AlertingSettings settings;
    private final AlertingTopics topics;

    public AlertGrouping(AvroSerdes serdes, AlertingSettings settings, AlertingTopics topics) {
        this.serdes = serdes;
        this.settings = settings;
        this.topics = topics;
    }

    public void build(StreamsBuilder builder) {
        KStream<String, SpecificRecord> alerts = builder
                .stream(topics.alerts().name(), Sources.consumed(topics.alerts(), "alerting-alert-source"))
                .mapValues(alert -> (SpecificRecord) alert, Named.as("alerting-alert"));
        KStream<String, SpecificRecord> acks = builder
                .stream(topics.acks().name(), Sources.consumed(topics.acks(), "alerting-ack-source"))
                .mapValues(ack -> (SpecificRecord) ack, Named.as("alerting-ack"));
        alerts.merge(acks, Named.as("alerting-merge"))
                .process(new IncidentProcessor(serdes, settings), Named.as("alerting-group"))
                .to(topics.incidents().name(), Sinks.produced(topics.incidents(), "alerting-incident-sink"));
    }
}
