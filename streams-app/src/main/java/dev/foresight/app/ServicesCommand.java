package dev.foresight.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.domain.orchestration.InvalidTopologyException;
import dev.foresight.domain.orchestration.ServiceCatalog;
import dev.foresight.domain.orchestration.ServiceTopologyFile;
import dev.foresight.ingest.EventFamilies;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.topics.Topics;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The service topology of the orchestration: check and plan a YAML file, or publish it as edits. */
@Command(name = "services", description = "Service topology for the orchestration.",
        subcommands = {ServicesCommand.Plan.class, ServicesCommand.Publish.class})
final class ServicesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: plan or publish");
    }

    /** Loads the file, or prints every problem and returns null. */
    static ServiceCatalog load(Path file, PrintWriter err) {
        try {
            return file == null ? ServiceTopologyEdits.example() : ServiceTopologyFile.load(file);
        } catch (InvalidTopologyException e) {
            err.println((file == null ? "example" : file) + ": " + e.problems().size() + " problem(s)");
            e.problems().forEach(problem -> err.println("  " + problem));
        } catch (UncheckedIOException e) {
            err.println(e.getMessage());
        }
        err.flush();
        return null;
    }

    @Command(name = "plan", description = "Check a topology file and print its startup plan; needs no cluster.")
    static final class Plan implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "YAML topology (default: the shipped example)")
        Path file;

        @Option(names = "--json", description = "Print the plan as JSON (schema: json-schema/startup-plan.schema.json).")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws JsonProcessingException {
            ServiceCatalog catalog = load(file, spec.commandLine().getErr());
            if (catalog == null) {
                return ForesightCli.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            List<List<String>> groups = catalog.graph().plan().groups();
            List<String> environments = catalog.environments().keySet().stream().sorted().toList();
            if (json) {
                out.println(planJson(groups, environments));
            } else {
                for (int i = 0; i < groups.size(); i++) {
                    out.printf("%d. %s%n", i + 1, String.join(", ", groups.get(i)));
                }
                out.printf("environments: %s%n", environments);
            }
            out.flush();
            return ForesightCli.OK;
        }

        private String planJson(List<List<String>> groups, List<String> environments) throws JsonProcessingException {
            Map<String, Object> plan = new LinkedHashMap<>();
            plan.put("source", file == null ? "example" : file.toString());
            plan.put("valid", true);
            plan.put("groups", groups);
            plan.put("environments", environments);
            return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(plan);
        }
    }

    @Command(name = "publish", description = "Publish a topology file's environment settings and services to "
            + "service.topology.v1, where the orchestration picks them up.")
    static final class Publish implements Callable<Integer> {

        @Mixin
        ClusterOptions cluster;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "YAML topology (default: the shipped example)")
        Path file;

        @Option(names = "--environment", defaultValue = "prod", paramLabel = "ENV",
                description = "dev, staging or prod (default: ${DEFAULT-VALUE}).")
        String environment;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!List.of("dev", "staging", "prod").contains(environment)) {
                spec.commandLine().getErr().println("--environment must be dev, staging or prod, got " + environment);
                return ForesightCli.USAGE;
            }
            ServiceCatalog catalog = load(file, spec.commandLine().getErr());
            if (catalog == null) {
                return ForesightCli.USAGE;
            }
            List<ServiceTopologyEvent> edits = ServiceTopologyEdits.edits(catalog, environment, Instant.now());
            try (Cluster kafka = Cluster.open(cluster);
                 KafkaEventSink sink = KafkaEventSink.connect(kafka.clientConfig(), kafka.serdes())) {
                new TopicAdmin(kafka.admin()).createCatalogue(kafka.replicationFactor());
                edits.forEach(edit -> sink.send(Topics.SERVICE_TOPOLOGY, EventFamilies.topologyKey(edit), edit,
                        edit.getTimestamp().toEpochMilli()));
                sink.flush();
            }
            spec.commandLine().getOut().printf("published %d edit(s) for %s%n", edits.size(), environment);
            spec.commandLine().getOut().flush();
            return ForesightCli.OK;
        }
    }
}
