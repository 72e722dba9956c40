package dev.foresight.predict.workflow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * The DL4J network behind {@link LstmNextActionPredictor}: trains on batches of {@link ActionSequence}s
 * and hands out {@link LstmWeights} snapshots for the plain-Java forward pass. Only the training thread
 * calls DL4J; every method is synchronized so a checkpoint never sees a half-applied update.
 */
final class LstmTrainer {

    static final String LSTM_LAYER = "workflow-lstm";
    static final String OUTPUT_LAYER = "workflow-next-resources";
    /** Memory errors cost the most (they become wastage or failed tasks), so they weigh more in the loss. */
    private static final float[] LOSS_WEIGHTS = {1, 3, 1, 1, 1};
    private static final double CLIP_L2 = 1.0;
    /**
     * ND4J's OpenMP thread count is process-wide. These matrices are tiny, so more threads only spin-wait:
     * on two busy cores a fit took ~10x longer with 2 threads than with 1, and starved the stream threads.
     */
    private static final int ND4J_THREADS = 1;

    private final MultiLayerNetwork network;
    private final ActionSequenceEncoder encoder;
    private long updates;

    LstmTrainer(LstmSettings settings, ActionSequenceEncoder encoder) {
        this(new MultiLayerNetwork(configuration(settings, encoder.inputSize())), encoder, 0);
        network.init();
    }

    private LstmTrainer(MultiLayerNetwork network, ActionSequenceEncoder encoder, long updates) {
        Nd4j.getEnvironment().setMaxThreads(ND4J_THREADS);
        Nd4j.getEnvironment().setMaxMasterThreads(ND4J_THREADS);
        this.network = network;
        this.encoder = encoder;
        this.updates = updates;
    }

    static LstmTrainer fromBytes(byte[] model, ActionSequenceEncoder encoder, long updates) {
        try {
            return new LstmTrainer(ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(model), true),
                    encoder, updates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MultiLayerConfiguration configuration(LstmSettings settings, int inputs) {
        return new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(CLIP_L2)
                .list()
                .layer(new LSTM.Builder().name(LSTM_LAYER)
                        .nIn(inputs).nOut(settings.hiddenUnits())
                        .activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID).build())
                .layer(new RnnOutputLayer.Builder().name(OUTPUT_LAYER)
                        .weightInit(WeightInit.ZERO)
                        .lossFunction(new LossMSE(Nd4j.create(LOSS_WEIGHTS)))
                        .activation(Activation.IDENTITY)
                        .nIn(settings.hiddenUnits()).nOut(ActionSequenceEncoder.RESOURCES).build())
                .build();
    }

    /** One gradient step on {@code batch}, standardised with {@code scale}; returns the new weights. */
    synchronized LstmWeights fit(List<ActionSequence> batch, OnlineNormalizer.Scale scale) {
        Batch arrays = toArrays(batch, scale);
        network.fit(arrays.features, arrays.labels, arrays.mask, arrays.mask);
        updates++;
        return weights();
    }

    synchronized LstmWeights weights() {
        int hidden = network.getLayer(0).getParam("RW").rows();
        return new LstmWeights(hidden, ActionSequenceEncoder.RESOURCES,
                flat(network.getLayer(0).getParam("W")), flat(network.getLayer(0).getParam("RW")),
                flat(network.getLayer(0).getParam("b")),
                flat(network.getLayer(1).getParam("W")), flat(network.getLayer(1).getParam("b")), updates);
    }

    /** DL4J's own forward pass: the outputs (corrections to the baseline) after the last step of each sequence. */
    synchronized double[][] output(List<ActionSequence> sequences, OnlineNormalizer.Scale scale) {
        Batch arrays = toArrays(sequences, scale);
        INDArray out = network.output(arrays.features, false, arrays.mask, arrays.mask);
        double[][] result = new double[sequences.size()][ActionSequenceEncoder.RESOURCES];
        for (int i = 0; i < result.length; i++) {
            for (int k = 0; k < ActionSequenceEncoder.RESOURCES; k++) {
                result[i][k] = out.getDouble(i, k, sequences.get(i).steps() - 1);
            }
        }
        return result;
    }

    synchronized long updates() {
        return updates;
    }

    /** The network with its updater state, so a restored trainer continues where this one stopped. */
    synchronized byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(network, bytes, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private record Batch(INDArray features, INDArray labels, INDArray mask) {
    }

    /** Features [batch, inputs, steps], labels [batch, 5, steps] and a mask over the unused tail steps. */
    private Batch toArrays(List<ActionSequence> sequences, OnlineNormalizer.Scale scale) {
        int inputs = encoder.inputSize();
        int length = sequences.stream().mapToInt(ActionSequence::steps).max().orElse(1);
        int outputs = ActionSequenceEncoder.RESOURCES;
        float[] features = new float[sequences.size() * inputs * length];
        float[] labels = new float[sequences.size() * outputs * length];
        float[] mask = new float[sequences.size() * length];
        float[] dense = new float[ActionSequenceEncoder.DENSE];
        for (int b = 0; b < sequences.size(); b++) {
            ActionSequence sequence = sequences.get(b);
            for (int t = 0; t < sequence.steps(); t++) {
                encoder.dense(sequence, scale, t, dense);
                for (int f = 0; f < dense.length; f++) {
                    features[(b * inputs + f) * length + t] = dense[f];
                }
                features[(b * inputs + encoder.ownIndex(sequence.ownBucket()[t])) * length + t] = 1;
                features[(b * inputs + encoder.nextIndex(sequence.nextBucket()[t])) * length + t] = 1;
                for (int k = 0; k < outputs && sequence.labelLog() != null; k++) {
                    labels[(b * outputs + k) * length + t] = (float) (scale.standardize(k,
                            sequence.labelLog()[t * outputs + k]) - encoder.baseline(sequence, scale, t, k));
                }
                mask[b * length + t] = 1;
            }
        }
        return new Batch(Nd4j.create(features, new long[] {sequences.size(), inputs, length}, 'c'),
                Nd4j.create(labels, new long[] {sequences.size(), outputs, length}, 'c'),
                Nd4j.create(mask, new long[] {sequences.size(), length}, 'c'));
    }

    private static double[] flat(INDArray parameter) {
        return parameter.dup('c').reshape(parameter.length()).toDoubleVector();
    }
}
