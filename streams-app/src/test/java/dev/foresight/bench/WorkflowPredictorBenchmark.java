package dev.foresight.bench;

import com.sun.management.ThreadMXBean;
import dev.foresight.predict.workflow.ActionObservation;
import dev.foresight.predict.workflow.LstmNextActionPredictor;
import dev.foresight.predict.workflow.LstmSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Cost of {@link LstmNextActionPredictor} on the stream thread and capacity of its background training.
 * Not a test (surefire runs {@code *Test} only); run it with
 * {@code mvn -q -B -o -pl streams-app -Djavacpp.platform=linux-x86_64 test-compile exec:exec
 * -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-Xmx512m -cp %classpath dev.foresight.bench.WorkflowPredictorBenchmark"}.
 * Wall times depend on what else the machine runs; cpu times of the calling thread much less.
 *
 * <p>Workload: workflows of up to 2 000 actions over 12 action types, memory per type with noise; a
 * prediction reads the history so far, as the shadowing topology does when an action starts.
 */
public final class WorkflowPredictorBenchmark {

    private static final int TYPES = 12;
    private static final int WORKFLOW_LENGTH = 2_000;
    private static final int PREDICTIONS = 400_000;
    private static final long FLOOD_SECONDS = 10;
    private static final long PACED_SECONDS = 5;
    private static final int[] PACED_RATES = {1_000, 5_000};

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Random random = new Random(7);
    private final List<ActionObservation> workflow = new ArrayList<>();

    private WorkflowPredictorBenchmark() {
        for (int i = 0; i < WORKFLOW_LENGTH; i++) {
            int type = random.nextInt(TYPES);
            workflow.add(new ActionObservation("PIPELINE:STEP_" + type, 1 + type % 4,
                    200 * (type + 1) * Math.exp(0.2 * random.nextGaussian()), 50, 0.01, 60_000 * (1 + type)));
        }
    }

    public static void main(String[] args) throws IOException {
        WorkflowPredictorBenchmark benchmark = new WorkflowPredictorBenchmark();
        try (LstmNextActionPredictor predictor = LstmNextActionPredictor.withBackgroundTraining(LstmSettings.defaults())) {
            benchmark.flood(predictor);
            benchmark.predictions(predictor);
            for (int rate : PACED_RATES) {
                benchmark.paced(predictor, rate);
            }
        }
        System.out.printf(Locale.ROOT, "memory: resident %s, heap used %d MB (max %d MB)%n", residentSet(),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    /** learn() as fast as one thread can call it: the stream thread's cost, and how much training keeps. */
    private void flood(LstmNextActionPredictor predictor) {
        LstmNextActionPredictor.TrainingProgress before = predictor.progress();
        long trainerCpuBefore = trainerCpuNanos();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long calls = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(FLOOD_SECONDS);
        while (System.nanoTime() < deadline) {
            learnNext(predictor, calls++);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpuBefore) / 1e3;
        double trainerCpuSeconds = (trainerCpuNanos() - trainerCpuBefore) / 1e9;
        LstmNextActionPredictor.TrainingProgress after = predictor.progress();
        long fresh = after.trainedFresh() - before.trainedFresh();
        long steps = after.updates() - before.updates();
        System.out.printf(Locale.ROOT, "learn() flood: %d calls in %.1f s: %.1f us/call wall, %.1f us/call cpu%n",
                calls, seconds, seconds * 1e6 / calls, cpuMicros / calls);
        System.out.printf(Locale.ROOT, "training during the flood: %d steps, %d examples trained while new = %.0f "
                        + "examples/s wall; trainer thread used %.1f cpu-s = %.0f examples per cpu-s, %.1f ms cpu/step%n",
                steps, fresh, fresh / seconds, trainerCpuSeconds, fresh / trainerCpuSeconds,
                trainerCpuSeconds * 1e3 / steps);
    }

    /** predict() for the next action after a history of 1..2000 completed actions. */
    private void predictions(LstmNextActionPredictor predictor) {
        double sink = 0;
        for (int i = 0; i < PREDICTIONS / 4; i++) {
            sink += predictNext(predictor, i);
        }
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < PREDICTIONS; i++) {
            sink += predictNext(predictor, i);
        }
        long elapsed = System.nanoTime() - start;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.out.printf(Locale.ROOT, "predict(): %d predictions: %.2f us/prediction wall, %.2f us cpu, %d bytes "
                        + "allocated/prediction (checksum %.1f)%n",
                PREDICTIONS, elapsed / 1e3 / PREDICTIONS, cpu / 1e3 / PREDICTIONS, allocated / PREDICTIONS, sink);
    }

    /** Completions at a fixed rate: does training take them while new? */
    private void paced(LstmNextActionPredictor predictor, int perSecond) {
        LstmNextActionPredictor.TrainingProgress before = predictor.progress();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        long total = perSecond * PACED_SECONDS;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            learnNext(predictor, i);
        }
        LstmNextActionPredictor.TrainingProgress after = predictor.progress();
        System.out.printf(Locale.ROOT, "paced %d completions/s for %d s: %.0f%% trained while new, %d steps%n",
                perSecond, PACED_SECONDS,
                100.0 * (after.trainedFresh() - before.trainedFresh()) / (after.learned() - before.learned()),
                after.updates() - before.updates());
    }

    private void learnNext(LstmNextActionPredictor predictor, long i) {
        int at = (int) (i % WORKFLOW_LENGTH);
        predictor.learn("bench", workflow.subList(0, at), workflow.get(at));
    }

    private double predictNext(LstmNextActionPredictor predictor, long i) {
        int at = 1 + (int) (i % (WORKFLOW_LENGTH - 1));
        return predictor.predict("bench", workflow.subList(0, at), workflow.get(at).actionType()).memoryMb();
    }

    private static long trainerCpuNanos() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("workflow-lstm-trainer"))
                .mapToLong(thread -> THREADS.getThreadCpuTime(thread.getId())).sum();
    }

    private static String residentSet() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:")).map(line -> line.substring(6).trim())
                .findFirst().orElse("unknown");
    }
}
