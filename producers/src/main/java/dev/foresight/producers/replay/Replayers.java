package dev.foresight.producers.replay;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Picks the replayer for a format name; see MANIFEST.md of the shared data for the formats. */
public final class Replayers {

    /** The supported format names. */
    public static final List<String> FORMATS = List.of("nab", "nextflow", "wfformat", "load", "azure", "ci-builds",
            "fleet-metrics", "fleet-heartbeat", "azure-requests", "prevent");

    private Replayers() {
    }

    public static Replayer forFormat(String format) {
        return forFormat(format, ReplayOptions.defaults());
    }

    public static Replayer forFormat(String format, ReplayOptions options) {
        return new Replayer(reader(format).apply(options), options);
    }

    private static Function<ReplayOptions, TraceReader> reader(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "nab" -> NabReader::new;
            case "nextflow" -> options -> new NextflowTraceReader();
            case "wfformat" -> options -> new WfFormatReader();
            case "load" -> LoadSeriesReader::new;
            case "azure" -> AzureTraceReader::new;
            case "ci-builds" -> CiBuildsReader::new;
            case "fleet-metrics" -> FleetMetricsReader::new;
            case "fleet-heartbeat" -> FleetHeartbeatReader::new;
            case "azure-requests" -> AzureRequestsReader::new;
            case "prevent" -> PreventCsv::reader;
            default -> throw new IllegalArgumentException("unknown format '" + format + "', expected one of " + FORMATS);
        };
    }
}
