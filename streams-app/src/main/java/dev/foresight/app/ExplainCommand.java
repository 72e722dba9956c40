package dev.foresight.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.query.explain.ExplanationJson;
import dev.foresight.query.explain.ExplanationMarkdown;
import dev.foresight.query.explain.FoundCommand;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", description = "Find a command, alert or startup plan by its id on the command topics "
        + "and print what made it: what it tells an executor, the rule or model and its version, the confidence, "
        + "the inputs and thresholds, and the state the decision read (the deployment, the host's window, the "
        + "workflow's shadow).")
final class ExplainCommand implements Callable<Integer> {

    /** Every topic whose records carry an id and a decision. */
    static final List<TopicSpec<?>> SEARCHED = List.of(Topics.ALLOCATIONS, Topics.ROLLBACKS, Topics.PIPELINE_COMMANDS,
            Topics.ORCHESTRATION_COMMANDS, Topics.STARTUP_PLANS, Topics.ALERTS, Topics.INCIDENTS,
            Topics.GATE_DECISIONS, Topics.WORKFLOW_INTERVENTIONS);

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "COMMAND-ID", description = "commandId, alertId, planId, incidentId or an intervention's requestId.")
    String id;

    @Option(names = "--json", description = "Print JSON instead of Markdown.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Give up if the command topics are not read to their end by then "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Cluster kafka = Cluster.open(cluster)) {
            FoundCommand found = new CommandSearch(kafka).find(id, SEARCHED, timeout).orElseThrow(() -> new UserError(
                    "no command, alert or plan with id " + id + " on "
                            + SEARCHED.stream().map(TopicSpec::name).toList()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? json(found) : new ExplanationMarkdown().of(found));
            out.flush();
        }
        return ForesightCli.OK;
    }

    private static String json(FoundCommand found) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(new ExplanationJson(mapper).of(found))
                + System.lineSeparator();
    }
}
