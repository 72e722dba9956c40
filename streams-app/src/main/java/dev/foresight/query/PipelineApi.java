package dev.foresight.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.domain.synthesis.LineDiff;
import dev.foresight.schema.state.PipelineVersion;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.util.List;

/**
 * The versions of a pipeline's definition, read on the instance that owns the service:
 * <ul>
 *   <li>{@code GET /pipelines/{serviceId}/versions}: every version, oldest first, without the definitions;</li>
 *   <li>{@code GET /pipelines/{serviceId}/versions/{version}}: one version whole (definition as JSON and
 *       YAML, the diff against its parent, who made it and why);</li>
 *   <li>{@code GET /pipelines/{serviceId}/diff?from=A&to=B}: the YAML diff between two versions.</li>
 * </ul>
 * 404 for a pipeline or version that does not exist, 400 for a version that is not a positive integer.
 */
public final class PipelineApi {

    private final ShadowLocator locator;
    private final PipelineVersionReader reader;
    private final OwnerProxy proxy = new OwnerProxy();
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param locator finds the instance that owns a serviceId's partition of the synthesis stores */
    public PipelineApi(ShadowLocator locator, PipelineVersionReader reader) {
        this.locator = locator;
        this.reader = reader;
    }

    void list(Context ctx) {
        List<PipelineVersion> versions = owned(ctx);
        if (versions == null) {
            return;
        }
        ObjectNode body = mapper.createObjectNode().put("serviceId", ctx.pathParam("serviceId"));
        versions.forEach(v -> body.withArray("versions").add(summary(v)));
        ok(ctx, body);
    }

    void get(Context ctx) {
        int number = version(ctx.pathParam("version"), "version");
        List<PipelineVersion> versions = owned(ctx);
        if (versions == null) {
            return;
        }
        PipelineVersion v = find(versions, number);
        ObjectNode body = summary(v).put("definitionYaml", v.getDefinitionYaml()).put("diff", v.getDiff());
        try {
            body.set("definition", mapper.readTree(v.getDefinitionJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored definition is not JSON", e);
        }
        ok(ctx, body);
    }

    void diff(Context ctx) {
        int from = version(ctx.queryParam("from"), "from");
        int to = version(ctx.queryParam("to"), "to");
        List<PipelineVersion> versions = owned(ctx);
        if (versions == null) {
            return;
        }
        PipelineVersion a = find(versions, from);
        PipelineVersion b = find(versions, to);
        String diff = LineDiff.of(a.getDefinitionYaml(), b.getDefinitionYaml());
        ok(ctx, mapper.createObjectNode().put("serviceId", a.getServiceId()).put("from", from).put("to", to)
                .put("fromHash", a.getContentHash()).put("toHash", b.getContentHash())
                .put("identical", a.getContentHash().equals(b.getContentHash())).put("diff", diff));
    }

    /** The pipeline's versions, or null when the request went to the owning instance. */
    private List<PipelineVersion> owned(Context ctx) {
        String serviceId = Requests.id(ctx.pathParam("serviceId"), "serviceId");
        if (proxy.forwardedToOwner(ctx, locator.locate(serviceId), "pipeline " + serviceId)) {
            return null;
        }
        List<PipelineVersion> versions = reader.versions(serviceId);
        if (versions.isEmpty()) {
            throw ApiException.notFound("no pipeline versions for " + serviceId);
        }
        return versions;
    }

    private static PipelineVersion find(List<PipelineVersion> versions, int number) {
        return versions.stream().filter(v -> v.getVersion() == number).findFirst()
                .orElseThrow(() -> ApiException.notFound("no version " + number + " of pipeline "
                        + versions.get(0).getServiceId()));
    }

    private ObjectNode summary(PipelineVersion v) {
        return mapper.createObjectNode().put("version", v.getVersion()).put("parentVersion", v.getParentVersion())
                .put("contentHash", v.getContentHash()).put("madeBy", v.getMadeBy()).put("reason", v.getReason())
                .put("createdAt", v.getCreatedAt().toString());
    }

    private static int version(String value, String name) {
        if (value == null || !value.matches("[1-9][0-9]{0,8}")) {
            throw ApiException.badRequest(name + " must be a positive integer version, got '" + value + "'");
        }
        return Integer.parseInt(value);
    }

    private static void ok(Context ctx, ObjectNode body) {
        ctx.status(200).contentType(ContentType.APPLICATION_JSON).result(body.toString());
    }
}
