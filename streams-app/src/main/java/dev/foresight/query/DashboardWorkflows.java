package dev.foresight.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.schema.state.ShadowStatus;
import dev.foresight.schema.state.ShadowWorkflow;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /api/dashboard/workflows}: the most recent shadows of every instance, running ones first, for the
 * dashboard's predicted-versus-actual chart. This instance asks each other one for its own (a forwarded request
 * answers from the local store only); an instance that does not answer is named in {@code unreachable}.
 */
final class DashboardWorkflows {

    static final int MAX_WORKFLOWS = 20;
    static final Comparator<ShadowWorkflow> ORDER = Comparator
            .comparing((ShadowWorkflow shadow) -> shadow.getStatus() != ShadowStatus.RUNNING)
            .thenComparing(ShadowWorkflow::getUpdatedAt, Comparator.reverseOrder())
            .thenComparing(ShadowWorkflow::getWorkflowId);
    private static final Comparator<JsonNode> JSON_ORDER = Comparator
            .comparing((JsonNode shadow) -> !shadow.path("status").asText().equals(ShadowStatus.RUNNING.name()))
            .thenComparing((JsonNode shadow) -> Instant.parse(shadow.path("updatedAt").asText()),
                    Comparator.reverseOrder())
            .thenComparing(shadow -> shadow.path("workflowId").asText());

    private final ShadowCatalogue catalogue;
    private final ShadowJson json;
    private final ObjectMapper mapper;
    private final OwnerProxy proxy = new OwnerProxy();

    DashboardWorkflows(ShadowCatalogue catalogue, ObjectMapper mapper) {
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.json = new ShadowJson(mapper);
    }

    void handle(Context ctx) throws IOException {
        List<JsonNode> shadows = new ArrayList<>();
        catalogue.recent(MAX_WORKFLOWS).forEach(shadow -> shadows.add(json.shadow(shadow)));
        ObjectNode body = mapper.createObjectNode();
        ArrayNode unreachable = body.putArray("unreachable");
        if (!OwnerProxy.wasForwarded(ctx)) {
            for (HostInfo peer : catalogue.peers()) {
                try {
                    mapper.readTree(proxy.fetch(ctx, peer.host(), peer.port())).path("workflows").forEach(shadows::add);
                } catch (ApiException e) {
                    unreachable.addObject().put("instance", peer.host() + ":" + peer.port()).put("error", e.getMessage());
                }
            }
        }
        body.putArray("workflows").addAll(shadows.stream().sorted(JSON_ORDER).limit(MAX_WORKFLOWS).toList());
        ctx.status(200).contentType(ContentType.APPLICATION_JSON).result(mapper.writeValueAsString(body));
    }
}
