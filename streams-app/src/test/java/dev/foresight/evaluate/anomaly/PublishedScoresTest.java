package dev.foresight.evaluate.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our NAB scoring against the published score files in {@code ../shared/data/nab/published-scores}: they
 * hold per-file scores and row counts, not the raw detections, so what can be recomputed is (a) the null
 * detector's score and counts of every file (windows, probation and FP/FN accounting) and (b) the
 * normalized totals of the published detectors over these files.
 */
class PublishedScoresTest {

    private static NabCorpus corpus;
    private static Path published;

    @BeforeAll
    static void readCorpus() throws IOException {
        Optional<Path> nab = SharedData.folder("nab");
        assumeTrue(nab.isPresent(), "no ../shared/data/nab beside the repository");
        corpus = NabCorpus.read(nab.get());
        published = nab.get().resolve("published-scores");
    }

    @Test
    void shouldReproduceEveryPublishedNullDetectorScoreAndCount() throws IOException {
        for (NabProfile profile : corpus.profiles()) {
            PublishedScores expected = PublishedScores.read(published, "null", profile.name());
            for (NabSeries series : corpus.series()) {
                NabFileScore ours = NabSweep.of(series, profile).score(new double[series.size()], 0.5);
                NabFileScore theirs = expected.files().get(series.name());
                assertEquals(theirs, ours, series.name() + " " + profile.name());
            }
        }
    }

    @Test
    void shouldSeeEveryPublishedDetectorScoreTheSameRowsAsOurProbationAndWindows() throws IOException {
        for (NabSeries series : corpus.series()) {
            NabFileScore all = NabSweep.of(series, corpus.profile(NabProfile.STANDARD))
                    .score(new double[series.size()], 0.0);
            NabFileScore artime = PublishedScores.read(published, "ARTime", NabProfile.STANDARD)
                    .files().get(series.name());
            assertEquals(all.truePositives(), artime.truePositives() + artime.falseNegatives(), series.name());
            assertEquals(all.falsePositives(), artime.falsePositives() + artime.trueNegatives(), series.name());
        }
    }

    @Test
    void shouldNormalizePublishedTotalsAsNabDoes() throws IOException {
        assertEquals(List.of(67.5, 56.6, 73.5), normalized("ARTime", 1.0));
        assertEquals(List.of(61.3, 47.8, 66.3), normalized("numentaTM", 1.0));
        assertEquals(List.of(61.2, 56.9, 66.3), normalized("contextOSE", 1.0));
    }

    /**
     * The anchors in the shared notes (ARTime 68.0 / 57.0 / 73.8, CAD OSE 61.6 / 57.3 / 66.6) follow when
     * the perfect detector is credited scaledSigmoid(−1) = 0.98661 per window instead of NAB runner's
     * tpWeight = 1; the official normalization is the one above.
     */
    @Test
    void shouldExplainTheNotesAnchorsByTheUnweightedPerfectScore() throws IOException {
        double maxTp = NabSweep.scaledSigmoid(-1.0);
        assertEquals(List.of(68.0, 57.0, 73.8), normalized("ARTime", maxTp));
        assertEquals(List.of(61.6, 57.3, 66.6), normalized("contextOSE", maxTp));
    }

    private static List<Double> normalized(String detector, double perfectPerWindow) throws IOException {
        List<String> names = corpus.series().stream().map(NabSeries::name).toList();
        int windows = corpus.series().stream().mapToInt(s -> s.windows().size()).sum();
        return List.of(NabProfile.STANDARD, NabProfile.LOW_FP, NabProfile.LOW_FN).stream().map(name -> {
            NabProfile profile = corpus.profile(name);
            NabNormalization normalization = new NabNormalization(-profile.fnWeight() * windows,
                    perfectPerWindow * profile.tpWeight() * windows);
            try {
                double total = PublishedScores.read(published, detector, name).total(names);
                return Math.round(10 * normalization.normalize(total)) / 10.0;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
