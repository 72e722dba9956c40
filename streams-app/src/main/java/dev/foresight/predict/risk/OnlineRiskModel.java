package dev.foresight.predict.risk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Online logistic regression that starts from a hand-set {@link RiskPrior} and learns from each outcome.
 *
 * <p>{@code logit = b + w · z + trust · priorLogit(x)}, where {@code z} are the features standardized
 * online; ratios ({@link RiskPrior#isRatio}) are read as their logarithm first, and a ratio that is
 * not positive as missing. Fresh, {@code w = 0, b = 0, trust = 1}: the score is exactly the prior's.
 * Learning moves {@code w} and {@code b} toward the data and {@code trust} toward however useful the
 * prior proves, so a good prior keeps helping and a wrong one fades. Updates are AdaGrad steps with L2
 * (toward zero for {@code w}, toward one for {@code trust}); the rarer class is up-weighted, since
 * failures are rare and would otherwise barely move the weights, through an offset that keeps the score
 * a calibrated probability. Deterministic: same outcomes in, same scores out. Thread-safe, so tasks may
 * share one instance.
 */
public final class OnlineRiskModel implements RiskModel {

    private static final int FORMAT = 1;
    private static final double MAX_LOGIT = 30;
    private static final double ADAGRAD_EPSILON = 1e-8;

    private final List<String> featureNames;
    private final boolean[] logScale;
    private final double[] priorWeights;
    private final double priorBias;
    private final RiskModelSettings settings;
    private State state;

    public OnlineRiskModel(List<String> featureNames, RiskPrior prior, RiskModelSettings settings) {
        this.featureNames = List.copyOf(featureNames);
        this.logScale = new boolean[this.featureNames.size()];
        for (int i = 0; i < logScale.length; i++) {
            logScale[i] = RiskPrior.isRatio(this.featureNames.get(i));
        }
        this.priorWeights = prior.alignedTo(this.featureNames);
        this.priorBias = prior.bias();
        this.settings = settings;
        this.state = new State(this.featureNames.size(), settings.clip());
    }

    /** With the prior recognized from the feature names ({@link RiskPrior#byConvention}). */
    public OnlineRiskModel(List<String> featureNames, RiskModelSettings settings) {
        this(featureNames, RiskPrior.byConvention(featureNames), settings);
    }

    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public synchronized double score(double[] raw) {
        double[] features = encode(raw);
        return sigmoid(logit(state.scaler.standardize(features), priorLogit(features)));
    }

    @Override
    public synchronized void learn(double[] raw, boolean failed) {
        double[] features = encode(raw);
        double[] z = state.scaler.standardize(features);
        double prior = priorLogit(features);
        if (failed) {
            state.failures++;
        } else {
            state.successes++;
        }
        double error = (sigmoid(logit(z, prior) + weightingOdds()) - (failed ? 1 : 0)) * classWeight(failed);
        int n = featureNames.size();
        double[] gradient = new double[n + 2];
        for (int i = 0; i < n; i++) {
            gradient[i] = error * z[i] + settings.l2() * state.params[i];
        }
        gradient[n] = error;
        gradient[n + 1] = error * prior + settings.l2() * (state.params[n + 1] - 1);
        for (int i = 0; i < gradient.length; i++) {
            state.squaredGradients[i] += gradient[i] * gradient[i];
            state.params[i] -= settings.learningRate() * gradient[i] / Math.sqrt(state.squaredGradients[i]);
        }
        state.scaler.add(features);
        state.updates++;
    }

    @Override
    public synchronized String version() {
        return "risk-lr-v2@" + state.updates;
    }

    @Override
    public synchronized byte[] checkpoint() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeInt(featureNames.size());
            for (String name : featureNames) {
                out.writeUTF(name);
            }
            state.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not a checkpoint of a model with these features */
    @Override
    public synchronized void restore(byte[] checkpoint) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown risk model checkpoint format " + format);
            }
            List<String> names = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                names.add(in.readUTF());
            }
            if (!names.equals(featureNames)) {
                throw new IllegalArgumentException("checkpoint features " + names + " differ from " + featureNames);
            }
            State restored = new State(featureNames.size(), settings.clip());
            restored.read(in);
            state = restored;
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated risk model checkpoint", e);
        }
    }

    private double logit(double[] z, double prior) {
        int n = featureNames.size();
        double logit = state.params[n] + state.params[n + 1] * prior;
        for (int i = 0; i < n; i++) {
            logit += state.params[i] * z[i];
        }
        return logit;
    }

    private double priorLogit(double[] features) {
        double logit = priorBias;
        for (int i = 0; i < features.length; i++) {
            if (priorWeights[i] != 0 && Double.isFinite(features[i])) {
                logit += priorWeights[i] * features[i];
            }
        }
        return clampLogit(logit);
    }

    /**
     * The log odds the class weights add: counting failures w times makes the data look w times likelier
     * to fail. Learning fits the weighted data through this offset, so the parameters keep fitting the
     * true odds: a score stays a probability (thresholds keep their meaning) however rare failures are,
     * and the prior, which was never weighted, is not skewed either.
     */
    private double weightingOdds() {
        return Math.log(classWeight(true)) - Math.log(classWeight(false));
    }

    /** The rarer class counts (others / own)^power times, capped; the commoner class once. */
    private double classWeight(boolean failed) {
        double own = failed ? state.failures : state.successes;
        double other = failed ? state.successes : state.failures;
        double ratio = Math.pow((other + 1) / (own + 1), settings.imbalancePower());
        return Math.min(settings.maxClassWeight(), Math.max(1, ratio));
    }

    private double[] encode(double[] raw) {
        if (raw.length != featureNames.size()) {
            throw new IllegalArgumentException(
                    "expected " + featureNames.size() + " features " + featureNames + ", got " + raw.length);
        }
        double[] features = raw.clone();
        for (int i = 0; i < features.length; i++) {
            if (logScale[i]) {
                features[i] = features[i] > 0 ? Math.log(features[i]) : Double.NaN;
            }
        }
        return features;
    }

    private static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-clampLogit(logit)));
    }

    private static double clampLogit(double logit) {
        return Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, logit));
    }

    /** Everything learned; replaced as a whole on restore so a bad checkpoint leaves the model intact. */
    private static final class State {

        private final FeatureScaler scaler;
        /** Feature weights, then the bias, then the trust in the prior. */
        private final double[] params;
        private final double[] squaredGradients;
        private long updates;
        private long failures;
        private long successes;

        State(int features, double clip) {
            scaler = new FeatureScaler(features, clip);
            params = new double[features + 2];
            params[features + 1] = 1;
            squaredGradients = new double[features + 2];
            Arrays.fill(squaredGradients, ADAGRAD_EPSILON);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeLong(updates);
            out.writeLong(failures);
            out.writeLong(successes);
            scaler.write(out);
            for (int i = 0; i < params.length; i++) {
                out.writeDouble(params[i]);
                out.writeDouble(squaredGradients[i]);
            }
        }

        void read(DataInputStream in) throws IOException {
            updates = in.readLong();
            failures = in.readLong();
            successes = in.readLong();
            scaler.read(in);
            for (int i = 0; i < params.length; i++) {
                params[i] = in.readDouble();
                squaredGradients[i] = in.readDouble();
            }
        }
    }
}
