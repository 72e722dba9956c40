package dev.foresight.app;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "topics", description = "Create the topic catalogue on the cluster (existing topics are kept) "
        + "and print it.")
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--print-only", description = "Only print the catalogue; do not contact a cluster.")
    boolean printOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!printOnly) {
            try (Cluster kafka = Cluster.open(cluster)) {
                List<String> created = new TopicAdmin(kafka.admin()).createCatalogue(kafka.replicationFactor());
                out.printf("%s: created %d topic(s) %s%n", kafka.bootstrapServers(), created.size(), created);
            }
        }
        out.print(TopicAdmin.catalogueTable());
        out.flush();
        return ForesightCli.OK;
    }
}
