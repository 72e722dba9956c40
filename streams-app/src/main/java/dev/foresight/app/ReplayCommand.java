package dev.foresight.app;

import dev.foresight.producers.KafkaEventSink;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.replay.ReplayOptions;
import dev.foresight.producers.replay.Replayers;
import dev.foresight.producers.replay.TelemetryMetric;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", description = "Replay a recorded public trace (a file, or a directory of files) onto "
        + "the input topics, shifted so its last event happens now. Formats: nab, nextflow, wfformat, load, "
        + "azure, ci-builds, prevent (see ../shared/data/MANIFEST.md).")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "FORMAT", description = "One of: nab, nextflow, wfformat, load, azure, "
            + "ci-builds, prevent.")
    String format;

    @Parameters(index = "1", paramLabel = "PATH", description = "Trace file or directory.")
    Path path;

    @Option(names = "--speedup", defaultValue = "max", paramLabel = "FACTOR|max",
            description = "Recorded time runs this many times faster than wall-clock time (default: ${DEFAULT-VALUE}).")
    String speedup;

    @Option(names = "--service-id", paramLabel = "ID",
            description = "Service the events belong to (default: derived from the file name).")
    String serviceId;

    @Option(names = "--metric", defaultValue = "cpuUtilization", paramLabel = "FIELD",
            description = "nab only: telemetry field the series goes into (default: ${DEFAULT-VALUE}).")
    String metric;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Replayers.FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new ParameterException(spec.commandLine(),
                    "Unknown format '" + format + "'; expected one of " + Replayers.FORMATS);
        }
        ReplayOptions options = ReplayOptions.defaults().withMetric(TelemetryMetric.parse(metric));
        if (serviceId != null) {
            options = options.withServiceId(serviceId);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = StopSignal.onCtrlC();
             Cluster kafka = Cluster.open(cluster)) {
            new TopicAdmin(kafka.admin()).createCatalogue(kafka.replicationFactor());
            try (KafkaEventSink sink = KafkaEventSink.connect(kafka.clientConfig(), kafka.serdes())) {
                long sent = new TraceReplay(format, options).replay(path, sink, Speedup.parse(speedup),
                        stop::isStopped);
                out.printf("replayed %,d %s event(s) from %s to %s%n", sent, format, path, kafka.bootstrapServers());
            }
        }
        return ForesightCli.OK;
    }
}
