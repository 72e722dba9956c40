package dev.foresight.domain.builds;

import dev.foresight.predict.risk.OnlineF1Threshold;
import dev.foresight.predict.risk.OnlineRiskModel;
import dev.foresight.predict.risk.RiskPrior;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The build-failure risk of one service's builds: a build is scored when it starts, from what is known
 * then, by an online risk model that learns from every finished build; the alert threshold is chosen
 * online by F1 over the last finished builds' scores at their start ({@link BuildRiskSettings#threshold()}).
 * {@code evaluate ci-builds} replays the CI data set's builds through this same class.
 */
public final class BuildRiskTracker {

    /** What a build start tells (the simulators' and CI's names); a missing one reads as 0. */
    public static final List<String> FEATURES = List.of("filesChanged", "linesChanged", "previousBuildFailed");

    /**
     * Set by hand before looking at any build: about 8 % of builds fail, a build after a red one is much
     * likelier to, and each changed file adds a little.
     */
    static final RiskPrior PRIOR = new RiskPrior(Map.of("previousBuildFailed", 1.5, "filesChanged", 0.03), -2.5);

    /** The risk of a starting build and whether it is high enough to alert. */
    public record Verdict(double score, double threshold, boolean alert) {
    }

    private final List<String> features;
    private final OnlineRiskModel model;
    private final OnlineF1Threshold threshold;

    /** Of a service's builds, which tell {@link #FEATURES}. */
    public BuildRiskTracker(BuildRiskSettings settings) {
        this(settings, FEATURES, PRIOR);
    }

    /** Of builds described by other features, e.g. the CI data set's ({@code evaluate ci-builds}). */
    public BuildRiskTracker(BuildRiskSettings settings, List<String> features, RiskPrior prior) {
        this.features = List.copyOf(features);
        this.model = new OnlineRiskModel(this.features, prior, settings.model());
        this.threshold = new OnlineF1Threshold(settings.threshold());
    }

    public Verdict started(Map<String, Double> features) {
        return started(vector(features));
    }

    /** @param features in the order this tracker was given them */
    public Verdict started(double[] features) {
        double score = model.score(features);
        return new Verdict(score, threshold.threshold(), score >= threshold.threshold());
    }

    /** Learns a finished build's outcome; {@code scoreAtStart} is what {@link #started} said of it. */
    public void finished(Map<String, Double> features, double scoreAtStart, boolean failed) {
        finished(vector(features), scoreAtStart, failed);
    }

    /** @param features in the order this tracker was given them */
    public void finished(double[] features, double scoreAtStart, boolean failed) {
        model.learn(features, failed);
        threshold.observe(scoreAtStart, failed);
    }

    public String modelVersion() {
        return model.version();
    }

    private double[] vector(Map<String, Double> values) {
        double[] vector = new double[features.size()];
        Arrays.setAll(vector, i -> values.getOrDefault(features.get(i), 0.0));
        return vector;
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] checkpoint = model.checkpoint();
            out.writeInt(checkpoint.length);
            out.write(checkpoint);
            threshold.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static BuildRiskTracker fromBytes(BuildRiskSettings settings, byte[] state) {
        BuildRiskTracker tracker = new BuildRiskTracker(settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            byte[] checkpoint = new byte[in.readInt()];
            in.readFully(checkpoint);
            tracker.model.restore(checkpoint);
            tracker.threshold.readFrom(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable build risk state: " + e.getMessage(), e);
        }
        return tracker;
    }
}
