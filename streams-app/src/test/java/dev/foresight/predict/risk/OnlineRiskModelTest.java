package dev.foresight.predict.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.predict.risk.RiskStreams.Sample;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnlineRiskModelTest {

    private static final List<String> STREAM_FEATURES = List.of("disk_pressure", "noise_a", "noise_b");

    @Test
    void shouldScoreWarningSignsHighAndABaselineHostLowBeforeLearning() {
        OnlineRiskModel model = new OnlineRiskModel(HostFeatures.NAMES, RiskModelSettings.defaults());
        HostFeatures.Window baseline = new HostFeatures.Window(0.30, 0.50, 0.40, 20, 0.001, 100, Map.of());
        HostFeatures.Window usual = new HostFeatures.Window(0.32, 0.55, 0.41, 21, 0.001, 105, Map.of());
        HostFeatures.Window warning = new HostFeatures.Window(0.35, 0.60, 0.50, 80, 0.05, 100, Map.of());

        double usualRisk = model.score(HostFeatures.extract(usual, baseline, 0, 1, List.of()));
        double warningRisk = model.score(HostFeatures.extract(warning, baseline, 0.02, 1, List.of()));

        assertTrue(usualRisk < 0.05, "usual host scored " + usualRisk);
        assertTrue(warningRisk > 0.9, "warning signs scored " + warningRisk);
    }

    @Test
    void shouldRaiseAucAboveThePriorsByLearningASeparableStream() {
        OnlineRiskModel model = flatPriorModel(RiskModelSettings.defaults());
        Sample[] holdOut = new RiskStreams(7, 0.2).take(1000);
        double priorAuc = RiskStreams.auc(model, holdOut);

        learn(model, new RiskStreams(1, 0.2).take(2000));

        assertEquals(0.5, priorAuc, 1e-9);
        assertTrue(RiskStreams.auc(model, holdOut) > 0.99, "learned AUC " + RiskStreams.auc(model, holdOut));
    }

    @Test
    void shouldConvergeToConfidentCorrectScoresOnASeparableStream() {
        OnlineRiskModel model = flatPriorModel(RiskModelSettings.defaults());
        learn(model, new RiskStreams(1, 0.2).take(5000));

        int wrong = 0;
        for (Sample sample : new RiskStreams(7, 0.2).take(1000)) {
            wrong += (model.score(sample.features()) >= 0.5) != sample.failed() ? 1 : 0;
        }

        assertTrue(wrong <= 5, wrong + " of 1000 held-out hosts misclassified");
    }

    @Test
    void shouldKeepScoresCalibratedWhenWeightingTheRareClass() {
        OnlineRiskModel balanced = flatPriorModel(new RiskModelSettings(0.05, 0.05, 1, 10, 5));
        RiskStreams stream = new RiskStreams(3, 0.05);
        double[] uninformative = {0.5, 0, 10};
        for (Sample sample : stream.take(5000)) {
            balanced.learn(uninformative, sample.failed());
        }

        double score = balanced.score(uninformative);

        assertTrue(score > 0.02 && score < 0.1, "5% of identical hosts fail; scored " + score);
    }

    @Test
    void shouldScoreIdenticallyAfterCheckpointAndRestore() {
        OnlineRiskModel original = flatPriorModel(RiskModelSettings.defaults());
        learn(original, new RiskStreams(1, 0.2).take(500));
        OnlineRiskModel restored = flatPriorModel(RiskModelSettings.defaults());

        restored.restore(original.checkpoint());

        Sample[] probe = new RiskStreams(9, 0.2).take(50);
        assertArrayEquals(scores(original, probe), scores(restored, probe));
        assertEquals(original.version(), restored.version());
    }

    @Test
    void shouldKeepItsStateWhenRestoringACheckpointOfOtherFeatures() {
        OnlineRiskModel model = flatPriorModel(RiskModelSettings.defaults());
        learn(model, new RiskStreams(1, 0.2).take(100));
        byte[] other = new OnlineRiskModel(HostFeatures.NAMES, RiskModelSettings.defaults()).checkpoint();
        String before = model.version();

        assertThrows(IllegalArgumentException.class, () -> model.restore(other));
        assertEquals(before, model.version());
    }

    @Test
    void shouldChangeVersionWithEachUpdate() {
        OnlineRiskModel model = flatPriorModel(RiskModelSettings.defaults());
        String fresh = model.version();

        model.learn(new double[] {0.5, 0, 10}, false);

        assertNotEquals(fresh, model.version());
        assertEquals("risk-lr-v2@1", model.version());
    }

    @Test
    void shouldReadMissingFeatureValuesAsAverage() {
        OnlineRiskModel model = flatPriorModel(RiskModelSettings.defaults());
        learn(model, new RiskStreams(1, 0.2).take(500));

        double score = model.score(new double[] {Double.NaN, 0, 10});

        assertTrue(Double.isFinite(score) && score > 0 && score < 1, "score " + score);
    }

    @Test
    void shouldReadARatioThatIsNotPositiveAsMissing() {
        OnlineRiskModel model = new OnlineRiskModel(HostFeatures.NAMES, RiskModelSettings.defaults());
        double[] broken = new double[HostFeatures.NAMES.size()];
        double[] missing = new double[HostFeatures.NAMES.size()];
        broken[HostFeatures.index("error_rate_ratio")] = -2;
        missing[HostFeatures.index("error_rate_ratio")] = Double.NaN;

        assertEquals(model.score(missing), model.score(broken));
    }

    private static OnlineRiskModel flatPriorModel(RiskModelSettings settings) {
        return new OnlineRiskModel(STREAM_FEATURES, RiskPrior.flat(0.1), settings);
    }

    private static void learn(RiskModel model, Sample[] samples) {
        for (Sample sample : samples) {
            model.learn(sample.features(), sample.failed());
        }
    }

    private static double[] scores(RiskModel model, Sample[] samples) {
        double[] scores = new double[samples.length];
        for (int i = 0; i < samples.length; i++) {
            scores[i] = model.score(samples[i].features());
        }
        return scores;
    }
}
