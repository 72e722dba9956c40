package dev.foresight.evaluate.anomaly;

import dev.foresight.domain.signals.DetectorSettings;
import dev.foresight.domain.signals.OnlineAnomalyDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the online detector over every NAB file (one configuration; it learns during NAB's probation, the
 * only thing NAB tells a detector about a file) and scores it with NAB's rules beside the published
 * detectors, normalized the same way over the same files.
 */
public final class AnomalyEvaluation {

    static final List<String> PUBLISHED = List.of("ARTime", "numentaTM", "contextOSE", "htmjava", "knncad",
            "randomCutForest", "twitterADVec", "windowedGaussian");

    private AnomalyEvaluation() {
    }

    /**
     * Scores {@code settings}; with {@code nested}, also the nested leave-one-out over {@link #fusions} (the
     * last grid the shipped settings were chosen from), 20 more runs of the detector over every file.
     */
    public static AnomalyReport run(Path nabRoot, Path outDir, DetectorSettings settings, boolean nested)
            throws IOException {
        NabCorpus corpus = NabCorpus.read(nabRoot);
        List<double[]> scores = detectAll(corpus, settings);
        List<ProfileResult> results = new ArrayList<>();
        for (NabProfile profile : corpus.profiles()) {
            results.add(score(corpus.series(), scores, profile));
        }
        List<NestedSelection> selections = new ArrayList<>();
        if (nested) {
            Map<String, List<double[]>> candidates = new LinkedHashMap<>();
            fusions(settings).forEach((name, candidate) -> candidates.put(name, detectAll(corpus, candidate)));
            for (NabProfile profile : corpus.profiles()) {
                selections.add(NestedSelection.of(corpus.series(), profile, candidates));
            }
        }
        AnomalyReport report = new AnomalyReport(corpus.series(), results, published(nabRoot, corpus), selections);
        report.writeTo(outDir);
        return report;
    }

    /**
     * The 20 fusions the shipped settings were chosen from: the level view on (alerting at {@code base}'s
     * level) or off, quiet 0/50/100/200/300 values, new-extreme tolerance 2 or 5 %.
     */
    static Map<String, DetectorSettings> fusions(DetectorSettings base) {
        Map<String, DetectorSettings> grid = new LinkedHashMap<>();
        for (double levelAlert : new double[] {base.levelAlert(), Double.POSITIVE_INFINITY}) {
            for (int quiet : new int[] {0, 50, 100, 200, 300}) {
                for (double tolerance : new double[] {0.02, 0.05}) {
                    String name = String.format(Locale.ROOT, "level %s, quiet %d, tolerance %.2f",
                            Double.isInfinite(levelAlert) ? "off" : "on", quiet, tolerance);
                    grid.put(name, new DetectorSettings(base.baselineLength(), base.recentLength(),
                            base.historyLength(), base.averagedSurprises(), base.levelWarmup(),
                            base.learningValues(), base.categories(), levelAlert, tolerance, quiet,
                            base.strongerBy()));
                }
            }
        }
        return grid;
    }

    private static List<double[]> detectAll(NabCorpus corpus, DetectorSettings settings) {
        List<double[]> scores = new ArrayList<>();
        for (NabSeries series : corpus.series()) {
            scores.add(detect(series, settings));
        }
        return scores;
    }

    static double[] detect(NabSeries series, DetectorSettings settings) {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(settings.withLearningValues(series.probationLength()));
        double[] scores = new double[series.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = detector.score(series.values()[i]);
        }
        return scores;
    }

    static ProfileResult score(List<NabSeries> series, List<double[]> scores, NabProfile profile) {
        List<NabSweep> sweeps = series.stream().map(s -> NabSweep.of(s, profile)).toList();
        ThresholdSweep thresholds = new ThresholdSweep(sweeps, scores);
        double threshold = thresholds.best();
        List<NabFileScore> files = new ArrayList<>();
        double total = 0;
        double leaveOneOut = 0;
        for (int f = 0; f < sweeps.size(); f++) {
            NabFileScore file = sweeps.get(f).score(scores.get(f), threshold);
            files.add(file);
            total += file.score();
            leaveOneOut += sweeps.get(f).score(scores.get(f), thresholds.bestExcluding(f)).score();
        }
        NabNormalization normalization = NabNormalization.of(series, profile);
        return new ProfileResult(profile, threshold, files, normalization.normalize(total),
                normalization.normalize(leaveOneOut));
    }

    /** Published detectors' normalized totals per profile over these files; empty if no score files. */
    static Map<String, double[]> published(Path nabRoot, NabCorpus corpus) throws IOException {
        Path folder = nabRoot.resolve("published-scores");
        Map<String, double[]> totals = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            return totals;
        }
        List<String> names = corpus.series().stream().map(NabSeries::name).toList();
        for (String detector : PUBLISHED) {
            double[] perProfile = new double[corpus.profiles().size()];
            for (int p = 0; p < perProfile.length; p++) {
                NabProfile profile = corpus.profiles().get(p);
                PublishedScores scores = PublishedScores.read(folder, detector, profile.name());
                perProfile[p] = NabNormalization.of(corpus.series(), profile).normalize(scores.total(names));
            }
            totals.put(detector, perProfile);
        }
        return totals;
    }
}
