package dev.foresight.app;

import dev.foresight.domain.fleet.FleetHistory;
import dev.foresight.domain.fleet.FleetSettings;
import dev.foresight.predict.demand.SeasonalRateForecaster;
import dev.foresight.producers.TimedEvent;
import dev.foresight.producers.replay.ReplayOptions;
import dev.foresight.producers.replay.Replayers;
import dev.foresight.query.demand.DemandChart;
import dev.foresight.query.demand.DemandReportJson;
import dev.foresight.query.demand.DemandReportMarkdown;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = "The fleet demand posture: the latest report on demand.reports.v1, or one "
        + "computed from files (--metrics, --heartbeat, --azure). Markdown by default, the seed's JSON with --json, "
        + "an SVG chart of rate, baseline and forecast with --out.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Per-request metrics log (JSONL). Repeatable.")
    List<Path> metrics = new ArrayList<>();

    @Option(names = "--heartbeat", paramLabel = "FILE", description = "Heartbeat log (JSONL). Repeatable.")
    List<Path> heartbeats = new ArrayList<>();

    @Option(names = "--azure", paramLabel = "FILE", description = "Azure LLM inference trace (CSV). Repeatable.")
    List<Path> azure = new ArrayList<>();

    @Option(names = "--horizon", defaultValue = "6", paramLabel = "HOURS",
            description = "Forecast horizon in hours, files only (default: ${DEFAULT-VALUE}).")
    double horizonHours;

    @Option(names = "--recent", converter = DurationConverter.class, defaultValue = "1h", paramLabel = "DURATION",
            description = "Recent window, files only (default: ${DEFAULT-VALUE}).")
    Duration recent;

    @Option(names = "--baseline", converter = DurationConverter.class, defaultValue = "3h", paramLabel = "DURATION",
            description = "Baseline window before it, files only (default: ${DEFAULT-VALUE}).")
    Duration baseline;

    @Option(names = "--fleet", paramLabel = "ID", description = "Fleet to report on (default: files: fleet-local; "
            + "topic: the fleet of the newest report).")
    String fleet;

    @Option(names = "--json", description = "Print the seed's JSON contract instead of Markdown.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE.svg", description = "Also write a chart of the fleet's reports.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<DemandReport> reports;
        try {
            reports = fromFiles() ? computed() : published();
        } catch (IllegalArgumentException | NoSuchFileException e) {
            return usage(e instanceof NoSuchFileException ? "no such file: " + e.getMessage() : e.getMessage());
        }
        String scope = fleet != null ? fleet
                : reports.stream().max(Comparator.comparing(DemandReport::getIssuedAt)).map(DemandReport::getScope)
                .orElse(null);
        List<DemandReport> ofFleet = reports.stream().filter(r -> r.getScope().equals(scope)).toList();
        if (ofFleet.isEmpty()) {
            return usage(fromFiles() ? "the files give no report: they span less than one report interval"
                    : "no demand report" + (fleet == null ? "" : " for fleet '" + fleet + "'") + " on "
                    + Topics.DEMAND_REPORTS.name());
        }
        DemandReport latest = ofFleet.get(ofFleet.size() - 1);
        spec.commandLine().getOut().print(json ? DemandReportJson.write(latest) + "\n" : DemandReportMarkdown.write(latest));
        spec.commandLine().getOut().flush();
        if (out != null) {
            Files.writeString(out, DemandChart.svg(ofFleet));
        }
        return ForesightCli.OK;
    }

    private boolean fromFiles() {
        return !metrics.isEmpty() || !heartbeats.isEmpty() || !azure.isEmpty();
    }

    private List<DemandReport> published() throws Exception {
        try (Cluster kafka = Cluster.open(cluster)) {
            new TopicAdmin(kafka.admin()).createCatalogue(kafka.replicationFactor());
            return new DemandReportsTopic(kafka).readAll(Duration.ofSeconds(60));
        }
    }

    private List<DemandReport> computed() throws IOException {
        if (!(horizonHours > 0) || horizonHours > 24 * 30) {
            throw new IllegalArgumentException("--horizon must be in (0, 720] hours, not " + horizonHours);
        }
        FleetSettings settings = FleetSettings.defaults()
                .withWindows(recent, baseline, FleetSettings.defaults().advance(), FleetSettings.defaults().bucket())
                .withHorizon(Duration.ofMillis(Math.round(horizonHours * 3_600_000)));
        String id = fleet != null ? fleet : "fleet-local";
        fleet = id;
        List<TimedEvent<?>> events = new ArrayList<>();
        events.addAll(read("fleet-metrics", metrics, id));
        events.addAll(read("fleet-heartbeat", heartbeats, id));
        events.addAll(read("azure-requests", azure, id));
        events.sort(Comparator.comparingLong(TimedEvent::timestampMs));
        FleetHistory history = new FleetHistory(settings, SeasonalRateForecaster.factory(settings.forecasting()));
        for (TimedEvent<?> event : events) {
            if (event.value() instanceof RequestMetricEvent request) {
                history.accept(request);
            } else if (event.value() instanceof FleetHeartbeatEvent heartbeat) {
                history.accept(heartbeat);
            }
        }
        history.finish();
        return history.reports();
    }

    private static List<TimedEvent<?>> read(String format, List<Path> files, String fleetId) throws IOException {
        List<TimedEvent<?>> events = new ArrayList<>();
        for (Path file : files) {
            events.addAll(Replayers.forFormat(format, ReplayOptions.defaults().withServiceId(fleetId)).events(file));
        }
        return events;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("report: " + message);
        spec.commandLine().getErr().flush();
        return ForesightCli.USAGE;
    }
}
