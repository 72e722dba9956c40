package dev.foresight.topology.alerting;

import dev.foresight.domain.alerting.AlertingSettings;
import dev.foresight.schema.commands.Incident;
import dev.foresight.serde.AvroSerdes;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Alerts become incidents: grouped by cause (alert kind) and subject over a window, deduplicated, severity raised
 * when the pattern repeats, escalated when unacknowledged (see {@code domain.alerting.IncidentGrouper}).
 *
 * <p>Inputs: the alert topic and the acknowledgement topic, both keyed by subject, read by one source
 * ({@code alerting-source}) so an acknowledgement meets its incident in the same task: no repartition. Store:
 * {@value IncidentProcessor#INCIDENT_STORE} (subject and kind → the open incident). Processor:
 * {@code alerting-group}. Output: every change of an incident on the incident topic, keyed by subject.
 */
public final class AlertGrouping {

    private final AvroSerdes serdes;
    private final AlertingSettings settings;
    private final String alertTopic;
    private final String ackTopic;
    private final String incidentTopic;

    public AlertGrouping(AvroSerdes serdes, AlertingSettings settings, String alertTopic, String ackTopic,
                         String incidentTopic) {
        this.serdes = serdes;
        this.settings = settings;
        this.alertTopic = alertTopic;
        this.ackTopic = ackTopic;
        this.incidentTopic = incidentTopic;
    }

    public void build(StreamsBuilder builder) {
        Serde<SpecificRecord> inputs = serdes.valueSerde();
        Serde<Incident> incidents = serdes.valueSerde();
        builder.stream(List.of(alertTopic, ackTopic), Consumed.with(Serdes.String(), inputs).withName("alerting-source"))
                .process(new IncidentProcessor(serdes, settings), Named.as("alerting-group"))
                .to(incidentTopic, Produced.with(Serdes.String(), incidents).withName("alerting-incident-sink"));
    }
}
