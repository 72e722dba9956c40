package dev.foresight.predict.workflow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts the next action's resources with a small LSTM over the workflow's last completed actions.
 * The network learns corrections to a baseline (the recent usage of the predicted type), so it is
 * useful before it has trained much; its memory error is calibrated per action type into a conformal
 * upper bound and a confidence ({@link ConformalCalibration}).
 *
 * <p>Predictions run a plain-Java forward pass over an immutable weight snapshot (microseconds, no lock,
 * no off-heap memory). {@link #learn} only records an example and a calibration residual; once
 * {@code batchSize} new examples have gathered, DL4J trains on up to {@code maxBatch} of them plus
 * {@code batchSize} replayed ones on the training executor, and the new weights are swapped in
 * atomically. Predictions meanwhile use the previous weights. Safe to call from several threads.
 */
public final class LstmNextActionPredictor implements NextActionPredictor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LstmNextActionPredictor.class);
    private static final int CHECKPOINT_FORMAT = 1;

    private final LstmSettings settings;
    private final ActionSequenceEncoder encoder;
    private final OnlineNormalizer normalizer = new OnlineNormalizer(ActionSequenceEncoder.RESOURCES);
    private final ConformalCalibration calibration;
    private final ReplayBuffer replay;
    private final Executor trainingExecutor;
    private final ExecutorService ownedExecutor;
    private final AtomicBoolean training = new AtomicBoolean();
    private final Object trainerLock = new Object();
    private volatile Consumer<Duration> trained = took -> { };
    private LstmTrainer trainer;
    private volatile LstmWeights weights;

    /** Trains on {@code trainingExecutor}; pass {@code Runnable::run} to train synchronously inside {@link #learn}. */
    public LstmNextActionPredictor(LstmSettings settings, Executor trainingExecutor) {
        this(settings, trainingExecutor, null);
    }

    private LstmNextActionPredictor(LstmSettings settings, Executor trainingExecutor, ExecutorService owned) {
        this.settings = settings;
        this.encoder = new ActionSequenceEncoder(settings);
        this.calibration = new ConformalCalibration(settings);
        this.replay = new ReplayBuffer(settings.replayCapacity(), settings.seed());
        this.trainingExecutor = trainingExecutor;
        this.ownedExecutor = owned;
        this.trainer = new LstmTrainer(settings, encoder);
        this.weights = trainer.weights();
    }

    /** Trains on a daemon thread of its own, released by {@link #close()}. */
    public static LstmNextActionPredictor withBackgroundTraining(LstmSettings settings) {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "workflow-lstm-trainer");
            thread.setDaemon(true);
            return thread;
        });
        return new LstmNextActionPredictor(settings, executor, executor);
    }

    @Override
    public ResourcePrediction predict(String workflowType, List<ActionObservation> history, String nextActionType) {
        LstmWeights current = weights;
        ActionSequence sequence = encoder.encode(history, nextActionType);
        double[] logs = forwardLogs(current, sequence);
        ConformalCalibration.Calibrated calibrated =
                calibration.calibrated(nextActionType, sequence.lastStepHasContext());
        double memoryUpper = Double.isInfinite(calibrated.upperLogMargin())
                ? Double.POSITIVE_INFINITY
                : ActionSequenceEncoder.resource(logs[ActionSequenceEncoder.MEMORY] + calibrated.upperLogMargin());
        return new ResourcePrediction(workflowType, nextActionType,
                ActionSequenceEncoder.resource(logs[0]), ActionSequenceEncoder.resource(logs[1]),
                ActionSequenceEncoder.resource(logs[2]), ActionSequenceEncoder.resource(logs[3]),
                ActionSequenceEncoder.resource(logs[4]), calibrated.confidence(), version(current), memoryUpper);
    }

    @Override
    public void learn(String workflowType, List<ActionObservation> history, ActionObservation actual) {
        ActionSequence example = encoder.encode(history, actual);
        double predictedMemoryLog = forwardLogs(weights, example)[ActionSequenceEncoder.MEMORY];
        calibration.add(actual.actionType(), example.lastStepHasContext(),
                example.actualMemoryLog() - predictedMemoryLog);
        normalizer.add(ActionSequenceEncoder.logResources(actual));
        replay.add(example);
        if (replay.untrained() >= settings.batchSize() && training.compareAndSet(false, true)) {
            trainingExecutor.execute(this::trainWhileBatchesWait);
        }
    }

    @Override
    public void onTrained(Consumer<Duration> listener) {
        trained = listener;
    }

    @Override
    public byte[] checkpoint() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(CHECKPOINT_FORMAT);
            normalizer.write(out);
            calibration.write(out);
            synchronized (trainerLock) {
                out.writeLong(trainer.updates());
                byte[] model = trainer.toBytes();
                out.writeInt(model.length);
                out.write(model);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void restore(byte[] checkpoint) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint))) {
            int format = in.readInt();
            if (format != CHECKPOINT_FORMAT) {
                throw new IllegalArgumentException("unknown checkpoint format " + format);
            }
            normalizer.read(in);
            calibration.read(in);
            long updates = in.readLong();
            byte[] model = in.readNBytes(in.readInt());
            synchronized (trainerLock) {
                LstmTrainer restored = LstmTrainer.fromBytes(model, encoder, updates);
                LstmWeights restoredWeights = restored.weights();
                if (restoredWeights.input().length != encoder.inputSize() * 4 * restoredWeights.hidden()) {
                    throw new IllegalArgumentException("checkpoint network does not fit these settings");
                }
                trainer = restored;
                weights = restoredWeights;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String version() {
        return version(weights);
    }

    /**
     * How far training keeps up with {@link #learn}.
     *
     * @param learned      examples recorded
     * @param trainedFresh examples trained on while new; when completions outpace training, the rest are
     *                     only replayed later
     * @param updates      training steps applied
     */
    public record TrainingProgress(long learned, long trainedFresh, long updates) {
    }

    public TrainingProgress progress() {
        return new TrainingProgress(replay.added(), replay.trainedFresh(), weights.update());
    }

    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
    }

    private String version(LstmWeights current) {
        return "lstm" + settings.hiddenUnits() + "-u" + current.update();
    }

    private void trainWhileBatchesWait() {
        try {
            while (replay.untrained() >= settings.batchSize()) {
                long started = System.nanoTime();
                synchronized (trainerLock) {
                    weights = trainer.fit(replay.nextBatch(settings.maxBatch(), settings.batchSize()),
                            normalizer.scale());
                }
                trained.accept(Duration.ofNanos(System.nanoTime() - started));
            }
        } catch (RuntimeException e) {
            LOG.error("training step failed; predictions keep the previous weights", e);
        } finally {
            training.set(false);
        }
    }

    /** Log1p resources predicted after the sequence's last step. */
    private double[] forwardLogs(LstmWeights current, ActionSequence sequence) {
        OnlineNormalizer.Scale scale = normalizer.scale();
        double[] corrections = current.forward(encoder.denseSteps(sequence, scale), encoder.hotRows(sequence));
        double[] logs = new double[corrections.length];
        for (int k = 0; k < logs.length; k++) {
            logs[k] = scale.restore(k, encoder.baseline(sequence, scale, sequence.steps() - 1, k) + corrections[k]);
        }
        return logs;
    }
}
