package dev.foresight.query.demand;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.schema.commands.CallerDemand;
import dev.foresight.schema.commands.DemandReport;
import java.util.Locale;

/**
 * The seed's JSON contract of a demand report, field names exactly as the seed writes them
 * ({@code resource_mode}, {@code dispatch_posture}, {@code horizon_hours}, …), enum values in lower case.
 * Rates and factors are rounded to 2 decimals, shares to 3. Published as JSON Schema in
 * {@code json-schema/demand-report.schema.json}.
 */
public final class DemandReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DemandReportJson() {
    }

    public static String write(DemandReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a report tree always serialises", e);
        }
    }

    public static ObjectNode tree(DemandReport r) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("resource_mode", lower(r.getResourceMode().name()));
        json.put("dispatch_posture", lower(r.getDispatchPosture().name()));
        if (r.getHorizonHours() == Math.rint(r.getHorizonHours())) {
            json.put("horizon_hours", (long) r.getHorizonHours());
        } else {
            json.put("horizon_hours", r.getHorizonHours());
        }
        json.put("recent_request_rate", round(r.getRecentRequestRate(), 2));
        json.put("baseline_request_rate", round(r.getBaselineRequestRate(), 2));
        json.put("predicted_request_rate", round(r.getPredictedRequestRate(), 2));
        json.put("surge_factor", round(r.getSurgeFactor(), 2));
        json.put("demand_level", lower(r.getDemandLevel().name()));
        json.put("gitea_outages", r.getGiteaOutages());
        json.put("inference_failures", r.getInferenceFailures());
        ArrayNode callers = json.putArray("top_callers");
        r.getTopCallers().forEach(c -> callers.add(caller(c)));
        ArrayNode actions = json.putArray("recommended_actions");
        r.getRecommendedActions().forEach(actions::add);
        return json;
    }

    private static ObjectNode caller(CallerDemand c) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("caller", c.getCaller());
        json.put("requests", c.getRequests());
        json.put("share", round(c.getShare(), 3));
        json.put("failure_rate", round(c.getFailureRate(), 3));
        json.put("batch_weight", round(c.getBatchWeight(), 3));
        return json;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
