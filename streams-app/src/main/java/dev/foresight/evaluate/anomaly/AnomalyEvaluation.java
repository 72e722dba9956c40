package dev.foresight.evaluate.anomaly;

import dev.foresight.domain.signals.DetectorSettings;
import dev.foresight.domain.signals.OnlineAnomalyDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    public static AnomalyReport run(Path nabRoot, Path outDir, DetectorSettings settings) throws IOException {
        NabCorpus corpus = NabCorpus.read(nabRoot);
        List<double[]> scores = new ArrayList<>();
        for (NabSeries series : corpus.series()) {
            scores.add(detect(series, settings));
        }
        List<ProfileResult> results = new ArrayList<>();
        for (NabProfile profile : corpus.profiles()) {
            results.add(score(corpus.series(), scores, profile));
        }
        AnomalyReport report = new AnomalyReport(corpus.series(), results, published(nabRoot, corpus));
        report.writeTo(outDir);
        return report;
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
