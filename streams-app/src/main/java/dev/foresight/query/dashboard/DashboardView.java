package dev.foresight.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foresight.domain.workflow.Interventions;
import dev.foresight.topics.Topics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.generic.GenericRecord;

/**
 * What the dashboard shows of the output topics, kept in memory and bounded: the latest commands with
 * their reasons, each host's risk over time, the latest demand report of each scope, the latest health of
 * each service, the latest rollback rates of each service and overall, the stage versions of each pipeline, the
 * reservations that asked an operator with their answers, and dead letters counted by reason. Fed by
 * {@link DashboardFeed}; read by the page through {@link #snapshot()} and {@link #command(String)}.
 */
public final class DashboardView {

    static final int MAX_COMMANDS = 200;
    static final int MAX_RISK_POINTS = 120;
    static final int MAX_HOSTS = 12;
    static final int MAX_KEYS = 200;
    /** Reasons beyond this many distinct ones are counted together, so one bad producer cannot grow the map. */
    static final int MAX_REASONS = 50;
    static final String OTHER_REASONS = "(other reasons)";
    /** The output topics whose records are commands with an id and a reason. */
    static final Set<String> COMMAND_TOPICS = Set.of(Topics.ALLOCATIONS.name(), Topics.ROLLBACKS.name(),
            Topics.ORCHESTRATION_COMMANDS.name(), Topics.PIPELINE_COMMANDS.name(), Topics.ALERTS.name(),
            Topics.STARTUP_PLANS.name(), Topics.WORKFLOW_INTERVENTIONS.name());
    static final String INTERVENTION = "INTERVENTION";
    static final String PENDING = "pending";
    /** How the rules' reservation after a request's timeout begins its explanation. */
    private static final String UNANSWERED = "no operator answered";
    private static final List<String> ID_FIELDS = List.of("commandId", "alertId", "planId", "requestId");
    private static final List<String> ACTION_FIELDS = List.of("action", "operation", "kind", "verdict");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Deque<ObjectNode> commands = new ArrayDeque<>();
    private final Map<String, Deque<ObjectNode>> risk = lru(MAX_HOSTS);
    private final Map<String, ObjectNode> demand = lru(MAX_KEYS);
    private final Map<String, ObjectNode> health = lru(MAX_KEYS);
    private final Map<String, ObjectNode> rollbackRates = lru(MAX_KEYS);
    private final Map<String, ObjectNode> pipelines = lru(MAX_KEYS);
    private final Map<String, ObjectNode> interventions = lru(MAX_KEYS);
    private final Map<String, Long> deadLetters = new TreeMap<>();
    private long deadLetterTotal;
    private long records;

    /** The topics {@link #accept} makes something of. */
    public static List<String> topics() {
        List<String> topics = new ArrayList<>(COMMAND_TOPICS);
        topics.addAll(List.of(Topics.RISK_SCORES.name(), Topics.DEMAND_REPORTS.name(), Topics.SERVICE_HEALTH.name(),
                Topics.DEAD_LETTERS.name(), Topics.ROLLBACK_RATES.name()));
        return topics.stream().sorted().toList();
    }

    /** Takes one record of an output topic; records of other topics are ignored. */
    public synchronized void accept(String topic, String key, GenericRecord value) {
        if (value == null) {
            return;
        }
        records++;
        ObjectNode json = AvroJson.record(value);
        if (COMMAND_TOPICS.contains(topic)) {
            addCommand(topic, key, json);
        }
        if (topic.equals(Topics.WORKFLOW_INTERVENTIONS.name())) {
            addIntervention(key, json);
        } else if (topic.equals(Topics.ALLOCATIONS.name())) {
            answerIntervention(key, json);
        } else if (topic.equals(Topics.PIPELINE_COMMANDS.name())) {
            pipelines.put(json.path("serviceId").asText() + "/" + json.path("stageType").asText(), json);
        } else if (topic.equals(Topics.RISK_SCORES.name())) {
            addRisk(json);
        } else if (topic.equals(Topics.DEMAND_REPORTS.name())) {
            demand.put(json.path("scope").asText(), json);
        } else if (topic.equals(Topics.ROLLBACK_RATES.name())) {
            rollbackRates.put(json.path("scope").asText(), json);
        } else if (topic.equals(Topics.SERVICE_HEALTH.name())) {
            health.put(key == null ? json.path("serviceId").asText() : key, json);
        } else if (topic.equals(Topics.DEAD_LETTERS.name())) {
            addDeadLetter(json.path("sourceTopic").asText() + ": " + json.path("reason").asText());
        }
    }

    /** The whole command as it was published, with its decision: inputs, thresholds, confidence, explanation. */
    public synchronized Optional<ObjectNode> command(String id) {
        return commands.stream().filter(c -> c.path("id").asText().equals(id)).findFirst().map(ObjectNode::deepCopy);
    }

    /** Everything the page draws, commands without their bodies (newest first). */
    public synchronized ObjectNode snapshot() {
        ObjectNode json = NODES.objectNode().put("records", records);
        ArrayNode list = json.putArray("commands");
        commands.forEach(command -> list.add(command.deepCopy().without("record")));
        ObjectNode hosts = json.putObject("risk");
        risk.forEach((host, points) -> hosts.putArray(host).addAll(List.copyOf(points)));
        json.putArray("demand").addAll(List.copyOf(demand.values()));
        json.putArray("health").addAll(List.copyOf(health.values()));
        json.putArray("rollbackRates").addAll(rollbackRates.values().stream()
                .sorted(Comparator.comparing(rates -> rates.path("scope").asText())).toList());
        json.putArray("pipelines").addAll(List.copyOf(pipelines.values()));
        json.putArray("interventions").addAll(List.copyOf(interventions.values()));
        ObjectNode dead = json.putObject("deadLetters").put("total", deadLetterTotal);
        ArrayNode reasons = dead.putArray("byReason");
        deadLetters.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> reasons.addObject().put("reason", e.getKey()).put("count", e.getValue()));
        return json.deepCopy();
    }

    private void addCommand(String topic, String key, ObjectNode record) {
        ObjectNode command = NODES.objectNode()
                .put("id", first(record, ID_FIELDS).orElse(topic + "/" + key + "/" + record.path("issuedAt").asText()))
                .put("topic", topic)
                .put("type", first(record, ACTION_FIELDS)
                        .orElse(topic.equals(Topics.WORKFLOW_INTERVENTIONS.name()) ? INTERVENTION : ""))
                .put("target", key == null ? "" : key)
                .put("issuedAt", record.path("issuedAt").asText())
                .put("reason", reason(record));
        command.set("record", record);
        commands.addFirst(command);
        while (commands.size() > MAX_COMMANDS) {
            commands.removeLast();
        }
    }

    /** A reservation waiting for an operator: pending until an allocation for its action says who decided. */
    private void addIntervention(String key, ObjectNode request) {
        ObjectNode row = NODES.objectNode().put("target", key).put("requestId", request.path("requestId").asText())
                .put("workflowType", request.path("workflowType").asText())
                .put("actionType", request.path("actionType").asText()).put("reason", request.path("reason").asText())
                .put("proposedMemoryMb", request.path("proposed").path("memoryMb").asDouble())
                .put("issuedAt", request.path("issuedAt").asText()).put("deadline", request.path("deadline").asText())
                .put("outcome", PENDING);
        interventions.put(key, row);
    }

    /** The operator's answer (their reservation or refusal), or the rules' once the request timed out. */
    private void answerIntervention(String key, ObjectNode command) {
        ObjectNode row = interventions.get(key);
        if (row == null || !row.path("outcome").asText().equals(PENDING)) {
            return;
        }
        JsonNode decision = command.path("decision");
        if (decision.path("madeBy").asText().equals(Interventions.OPERATOR)) {
            row.put("outcome", decision.path("evidence").path("intervention.outcome")
                    .asText(command.path("action").asText() + " by an operator"));
        } else if (decision.path("explanation").asText().startsWith(UNANSWERED)) {
            row.put("outcome", "TIMED_OUT, then " + command.path("action").asText() + " by "
                    + decision.path("madeBy").asText());
        } else {
            return;
        }
        row.put("decidedAt", command.path("issuedAt").asText());
    }

    private void addRisk(ObjectNode score) {
        Deque<ObjectNode> points = risk.computeIfAbsent(score.path("hostId").asText(), host -> new ArrayDeque<>());
        points.addLast(NODES.objectNode().put("issuedAt", score.path("issuedAt").asText())
                .put("score", score.path("score").asDouble())
                .put("deploymentId", score.path("deploymentId").asText()));
        while (points.size() > MAX_RISK_POINTS) {
            points.removeFirst();
        }
    }

    private void addDeadLetter(String reason) {
        deadLetterTotal++;
        String counted = deadLetters.containsKey(reason) || deadLetters.size() < MAX_REASONS ? reason : OTHER_REASONS;
        deadLetters.merge(counted, 1L, Long::sum);
    }

    /** The decision's explanation, else a reason or message field of the command itself. */
    private static String reason(ObjectNode record) {
        String explanation = record.path("decision").path("explanation").asText("");
        if (!explanation.isBlank()) {
            return explanation;
        }
        return first(record, List.of("reason", "message")).orElse("");
    }

    private static Optional<String> first(JsonNode record, List<String> fields) {
        return fields.stream().map(record::path).filter(JsonNode::isValueNode).map(JsonNode::asText)
                .filter(text -> !text.isBlank()).findFirst();
    }

    /** A map that forgets the key updated longest ago beyond {@code max} keys. */
    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }
}
