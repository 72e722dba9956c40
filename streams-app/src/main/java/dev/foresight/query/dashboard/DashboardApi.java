package dev.foresight.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;

/**
 * The dashboard: its page and scripts under {@value #PAGE} (static, from the jar, open without a token: they hold
 * no data), its data under {@code /api/dashboard/} (behind the token like the rest of the API).
 * <ul>
 *   <li>{@code GET /api/dashboard/state}: {@link DashboardView#snapshot()}</li>
 *   <li>{@code GET /api/dashboard/commands/{id}}: one command whole, with its decision; 404 once it has aged out</li>
 * </ul>
 * The page polls both, and {@code /api/dashboard/workflows} (served by the query server, which owns the shadows).
 */
public final class DashboardApi {

    public static final String PAGE = "/dashboard/";
    private static final String ASSETS = "/dashboard";

    private final DashboardView view;
    private final ObjectMapper mapper;

    public DashboardApi(DashboardView view, ObjectMapper mapper) {
        this.view = view;
        this.mapper = mapper;
    }

    /** True for the page's own files, which a browser loads before it can send the token. */
    public static boolean isAsset(String path) {
        return path.equals(ASSETS) || path.startsWith(PAGE);
    }

    /** Serves the page's files from the classpath; call inside {@code Javalin.create}. */
    public static void assets(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = ASSETS;
            files.directory = ASSETS;
            files.location = Location.CLASSPATH;
        });
    }

    public void state(Context ctx) throws IOException {
        json(ctx, view.snapshot());
    }

    public void command(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        json(ctx, view.command(id).orElseThrow(() -> new NotFoundResponse("no recent command " + id)));
    }

    private void json(Context ctx, JsonNode body) throws IOException {
        ctx.status(200).contentType(ContentType.APPLICATION_JSON).result(mapper.writeValueAsString(body));
    }
}
