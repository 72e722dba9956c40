package dev.foresight.topology.alerting;

import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.Incident;
import dev.foresight.schema.events.IncidentAcknowledged;
import dev.foresight.topics.Topic;

/** The topics alert grouping reads (alerts, operators' acknowledgements) and writes (incidents). */
public record AlertingTopics(Topic<String, Alert> alerts, Topic<String, IncidentAcknowledged> acks,
                             Topic<String, Incident> incidents) {
}
