package dev.foresight.evaluate.demand;

import dev.foresight.domain.fleet.LevelHysteresis;
import dev.foresight.predict.demand.RateForecast;
import dev.foresight.schema.commands.DemandLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores the demand posture on rate series: how early surges are flagged (held level elevated or
 * critical) before their peak, level flaps per hour with and without hysteresis, and the coverage of
 * the forecast's 90 % interval. Windows are fixed in steps (recent 12, baseline 36, horizon 12: on
 * 5-minute data the product's defaults of 1 h against 3 h); the hysteresis for each file is chosen by
 * leave-one-out on the other files, never on the file it is scored on.
 */
public final class DemandEvaluation {

    public static final String MARKDOWN = "demand.md";
    public static final String CSV = "demand.csv";
    static final int RECENT = 12;
    static final int BASELINE = 36;
    static final int HORIZON = 12;
    /** The flap rate's weight against the share of surges flagged in the leave-one-out objective. */
    static final double FLAP_COST = 0.05;
    static final List<LevelHysteresis> GRID = grid();

    /** One file's scores. */
    public record FileResult(String name, double hours, int surges, int flagged, double medianLeadMinutes,
                             double flapsPerHourRaw, double flapsPerHourHeld, double coverage, double meanWidth,
                             LevelHysteresis chosen) {
    }

    /** Scores of one file under one hysteresis. */
    private record Score(int surges, int flagged, double medianLeadMinutes, double flapsPerHour) {

        double objective() {
            return (surges == 0 ? 0 : (double) flagged / surges) - FLAP_COST * flapsPerHour;
        }
    }

    private DemandEvaluation() {
    }

    public static List<FileResult> run(List<Path> files, Path labels, Path out) throws IOException {
        Map<String, List<long[]>> windows = labels == null ? Map.of() : RateSeries.labels(labels);
        List<RateSeries> series = new ArrayList<>();
        for (Path file : files) {
            series.add(RateSeries.read(file, windows));
        }
        SeriesPosture posture = new SeriesPosture(RECENT, BASELINE, HORIZON);
        List<List<Score>> scores = series.stream().map(s -> GRID.stream().map(h -> score(s, posture, h)).toList()).toList();
        List<FileResult> results = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            int chosen = leaveOneOut(scores, i);
            results.add(result(series.get(i), posture, scores.get(i).get(chosen), GRID.get(chosen)));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKDOWN), markdown(results));
        Files.writeString(out.resolve(CSV), csv(results));
        return results;
    }

    private static List<LevelHysteresis> grid() {
        List<LevelHysteresis> grid = new ArrayList<>();
        for (double band : new double[] {0.05, 0.1, 0.2, 0.3}) {
            for (int reports = 1; reports <= 6; reports++) {
                grid.add(new LevelHysteresis(band, reports));
            }
        }
        return grid;
    }

    /** The grid point with the best mean objective over every file but {@code held}; the first on ties. */
    private static int leaveOneOut(List<List<Score>> scores, int heldOut) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int g = 0; g < GRID.size(); g++) {
            double sum = 0;
            for (int f = 0; f < scores.size(); f++) {
                sum += f == heldOut ? 0 : scores.get(f).get(g).objective();
            }
            if (sum > bestValue + 1e-12) {
                bestValue = sum;
                best = g;
            }
        }
        return best;
    }

    private static Score score(RateSeries series, SeriesPosture posture, LevelHysteresis hysteresis) {
        DemandLevel[] held = posture.run(series, hysteresis).held();
        Surges surges = Surges.of(series, RECENT, posture.warmUp());
        List<Double> leads = new ArrayList<>();
        for (int[] span : surges.spans()) {
            for (int t = span[0]; t <= span[1]; t++) {
                if (held[t] != null && held[t].compareTo(DemandLevel.ELEVATED) >= 0) {
                    leads.add((span[1] - t) * series.stepMs() / 60_000.0);
                    break;
                }
            }
        }
        return new Score(surges.spans().size(), leads.size(), median(leads), flaps(held) / series.hours());
    }

    private static FileResult result(RateSeries series, SeriesPosture posture, Score score, LevelHysteresis chosen) {
        SeriesPosture.Run run = posture.run(series, LevelHysteresis.none());
        double[] coverage = coverage(series.values(), run.forecasts(), posture.horizonSteps());
        return new FileResult(series.name(), series.hours(), score.surges(), score.flagged(), score.medianLeadMinutes(),
                flaps(run.held()) / series.hours(), score.flapsPerHour(), coverage[0], coverage[1], chosen);
    }

    private static int flaps(DemandLevel[] levels) {
        int flaps = 0;
        for (int t = 1; t < levels.length; t++) {
            flaps += levels[t - 1] != null && levels[t] != levels[t - 1] ? 1 : 0;
        }
        return flaps;
    }

    /**
     * Share of forecasts whose interval held the realised mean of the next steps, and the interval's mean
     * width relative to the series' mean (relative to each forecast, near-zero forecasts would dominate).
     */
    private static double[] coverage(double[] values, RateForecast[] forecasts, int horizon) {
        int scored = 0;
        int covered = 0;
        double width = 0;
        for (int t = 0; t + horizon < values.length; t++) {
            if (forecasts[t] == null) {
                continue;
            }
            double realised = Arrays.stream(values, t + 1, t + 1 + horizon).average().orElse(0);
            covered += realised >= forecasts[t].lower() && realised <= forecasts[t].upper() ? 1 : 0;
            width += forecasts[t].upper() - forecasts[t].lower();
            scored++;
        }
        double level = Arrays.stream(values).average().orElse(0);
        return new double[] {scored == 0 ? Double.NaN : (double) covered / scored,
                scored == 0 || level == 0 ? Double.NaN : width / scored / level};
    }

    private static double median(List<Double> values) {
        return values.isEmpty() ? Double.NaN : values.stream().sorted(Comparator.naturalOrder()).toList().get(values.size() / 2);
    }

    static String markdown(List<FileResult> results) {
        StringBuilder md = new StringBuilder("| file | hours | surges | flagged before peak | median lead (min) | "
                + "flaps/h raw | flaps/h held | hysteresis (leave-one-out) | 90 % interval coverage | mean width / mean rate |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|\n");
        for (FileResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %d | %d | %.0f | %.2f | %.2f | band %.2f, %d reports "
                            + "| %.1f %% | %.2f |%n", r.name(), r.hours(), r.surges(), r.flagged(), r.medianLeadMinutes(),
                    r.flapsPerHourRaw(), r.flapsPerHourHeld(), r.chosen().releaseBand(), r.chosen().releaseReports(),
                    100 * r.coverage(), r.meanWidth()));
        }
        return md.toString();
    }

    private static String csv(List<FileResult> results) {
        StringBuilder csv = new StringBuilder("file,hours,surges,flagged,median_lead_min,flaps_per_hour_raw,"
                + "flaps_per_hour_held,release_band,release_reports,coverage,mean_width\n");
        results.forEach(r -> csv.append(String.format(Locale.ROOT, "%s,%.3f,%d,%d,%.1f,%.4f,%.4f,%.2f,%d,%.4f,%.4f%n",
                r.name(), r.hours(), r.surges(), r.flagged(), r.medianLeadMinutes(), r.flapsPerHourRaw(),
                r.flapsPerHourHeld(), r.chosen().releaseBand(), r.chosen().releaseReports(), r.coverage(), r.meanWidth())));
        return csv.toString();
    }
}
