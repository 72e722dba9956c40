package dev.foresight.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.domain.alerting.IncidentIds;
import dev.foresight.producers.EventSink;
import dev.foresight.schema.events.IncidentAcknowledged;
import dev.foresight.topics.Topics;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.common.KafkaException;

/**
 * {@code POST /incidents/ack}, body {@code {"incidentId": "<kind>/<opened ms>/<subject>", "by": "alice"}}: publishes
 * an {@link IncidentAcknowledged} on {@code incident.acks.v1}, keyed by the subject the id carries, so it reaches
 * the task that holds the incident; 202. The incident stops escalating once the app reads it; an id of no open
 * incident changes nothing. 400 for a body without both fields or an id not of that form.
 */
final class IncidentAcks {

    private static final int MAX_LENGTH = 512;

    private final EventSink sink;
    private final Clock clock;
    private final ObjectMapper mapper;

    IncidentAcks(EventSink sink, Clock clock, ObjectMapper mapper) {
        this.sink = sink;
        this.clock = clock;
        this.mapper = mapper;
    }

    void handle(Context ctx) throws JsonProcessingException {
        JsonNode body = body(ctx.body());
        String incidentId = text(body, "incidentId");
        String by = text(body, "by");
        String subject = IncidentIds.subjectOf(incidentId).orElseThrow(() -> ApiException.badRequest(
                "incidentId must be <kind>/<opened at, epoch ms>/<subject>, got '" + incidentId + "'"));
        Instant now = Instant.now(clock);
        IncidentAcknowledged ack = new IncidentAcknowledged(UUID.randomUUID().toString(), incidentId, subject, by, now);
        try {
            sink.send(Topics.INCIDENT_ACKS, subject, ack, now.toEpochMilli());
            sink.flush();
        } catch (KafkaException e) {
            throw ApiException.unavailable("could not publish the acknowledgement: " + e.getMessage());
        }
        ctx.status(202).contentType(ContentType.APPLICATION_JSON).result(mapper.writeValueAsString(mapper
                .createObjectNode().put("incidentId", incidentId).put("subject", subject).put("acknowledgedBy", by)
                .put("eventId", ack.getEventId())));
    }

    private JsonNode body(String body) {
        try {
            JsonNode json = mapper.readTree(body == null ? "" : body);
            if (json == null || !json.isObject()) {
                throw ApiException.badRequest("the body must be {\"incidentId\": \"...\", \"by\": \"...\"}");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_LENGTH) {
            throw ApiException.badRequest(field + " must be a non-empty string of at most " + MAX_LENGTH
                    + " characters");
        }
        return value.asText();
    }
}
