package dev.foresight.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.foresight.config.StreamsProperties;
import dev.foresight.producers.KafkaEventSink;
import dev.foresight.producers.Speedup;
import dev.foresight.producers.replay.ReplayOptions;
import dev.foresight.producers.replay.Replayers;
import dev.foresight.producers.replay.TelemetryMetric;
import dev.foresight.replay.ReplayReport;
import dev.foresight.replay.ReplayReportMarkdown;
import dev.foresight.topology.TopologySettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Two replays under one verb: {@code replay FORMAT PATH} puts a recorded public trace onto the input topics;
 * {@code replay --from TIME} re-runs the topology over what the input topics recorded. {@code --from} switches
 * the mode rather than a subcommand, because a subcommand name would be read as a FORMAT by every existing
 * {@code replay FORMAT PATH} call and script that put a file called like it first.
 */
@Command(name = "replay", description = {
    "replay FORMAT PATH: replay a recorded public trace (a file, or a directory of files) onto the input topics, "
        + "shifted so its last event happens now. Formats: nab, nextflow, wfformat, load, azure, ci-builds, prevent "
        + "(see ../shared/data/MANIFEST.md).",
    "replay --from TIME: re-run the topology over the input topics as recorded from TIME, as an application of "
        + "its own (--replay-id) writing copies of the output topics named <replay-id>.<topic>, until it has "
        + "processed what was there when it started; then print how its commands differ from the live ones over the "
        + "same span (per command topic: matched, changed, only original, only replay), and delete its topics and "
        + "state unless --keep. --config and -p apply to the replay only: try other settings on real history."})
final class ReplayCommand implements Callable<Integer> {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final List<String> TRACE_OPTIONS = List.of("--speedup", "--service-id", "--metric");
    private static final List<String> HISTORY_OPTIONS = List.of("--replay-id", "--keep", "--json", "--timeout");

    @Mixin
    ClusterOptions cluster;

    @Mixin
    StreamsOptions streams;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FORMAT", description = "One of: nab, nextflow, wfformat, "
            + "load, azure, ci-builds, prevent. Not with --from.")
    String format;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "Trace file or directory.")
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

    @Option(names = "--from", converter = InstantConverter.class, paramLabel = "TIME",
            description = "Re-run the topology over the recorded inputs from this time: an ISO-8601 instant "
                    + "(2026-12-01T09:30:00Z) or a duration ago (90m, 2h). Default: none, FORMAT PATH mode.")
    Instant from;

    @Option(names = "--replay-id", paramLabel = "ID", description = "--from: the replay's application id and topic "
            + "prefix; refused when in use (default: <application-id>-replay-<UTC yyyyMMdd-HHmmss>).")
    String replayId;

    @Option(names = "--keep", description = "--from: keep the replay's topics, offsets and state.")
    boolean keep;

    @Option(names = "--json", description = "--from: print the report as JSON.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "--from: give up if the replay has not caught up by then (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (from != null) {
            refuse(format != null, "--from re-runs the recorded input topics; it takes no FORMAT or PATH");
            refuseMatched(TRACE_OPTIONS, "is for replay FORMAT PATH, not --from");
            return replayHistory();
        }
        refuse(format == null || path == null, "Missing FORMAT and PATH, or --from TIME");
        refuseMatched(HISTORY_OPTIONS, "is for replay --from");
        return replayTrace();
    }

    private int replayHistory() throws Exception {
        TopologySettings settings = cluster.topologySettings(spec.commandLine());
        refuse(from.isAfter(Clock.systemUTC().instant()), "--from " + from + " is in the future");
        try (Cluster kafka = Cluster.open(cluster)) {
            Properties props = streams.streamsProperties(kafka);
            String id = replayId != null ? replayId
                    : StreamsProperties.applicationId(props) + "-replay-" + STAMP.format(Clock.systemUTC().instant());
            ReplayReport report = new HistoryReplay(kafka, id).run(from, settings, props, timeout, keep);
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report)
                    + System.lineSeparator() : new ReplayReportMarkdown().of(report));
            out.flush();
        }
        return ForesightCli.OK;
    }

    private int replayTrace() throws Exception {
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

    private void refuse(boolean wrong, String message) {
        if (wrong) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    private void refuseMatched(List<String> options, String why) {
        options.stream().filter(name -> spec.commandLine().getParseResult().hasMatchedOption(name)).findFirst()
                .ifPresent(name -> refuse(true, name + " " + why));
    }
}
