package dev.foresight.bench;

import com.sun.management.ThreadMXBean;
import dev.foresight.domain.signals.DetectorSettings;
import dev.foresight.domain.signals.OnlineAnomalyDetector;
import dev.foresight.predict.forecast.ForecastSettings;
import dev.foresight.predict.forecast.SeriesForecaster;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * CPU cost per point, heap per series and checkpoint size of the series' online models: the anomaly
 * detector ({@link OnlineAnomalyDetector}, NAB and live settings) and the forecaster ({@link SeriesForecaster},
 * live settings: observe and forecast per step). Not a test; run it with {@code mvn -q -B -o -pl streams-app
 * -Djavacpp.platform=linux-x86_64 test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-Xmx512m -cp %classpath dev.foresight.bench.AnomalyDetectorBenchmark"}.
 *
 * <p>Workload: a daily cycle of 288 points with noise, 20 000 points per series after 20 000 of warm-up, so the
 * detector's resonance view has learned its categories and searches all of them.
 */
public final class AnomalyDetectorBenchmark {

    private static final int POINTS = 20_000;
    /** Long enough for the resonance view to have learned its categories and left its learning period. */
    private static final int DETECTOR_WARMUP = 20_000;
    private static final int SERIES_FOR_MEMORY = 100;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One series' model under test: learns a point, returns something to keep the JIT honest. */
    private interface Model {
        double learn(double value);

        byte[] checkpoint();
    }

    private AnomalyDetectorBenchmark() {
    }

    public static void main(String[] args) {
        measure("detector (NAB settings)", DETECTOR_WARMUP,
                () -> detector(DetectorSettings.defaults()));
        measure("detector (live settings)", DETECTOR_WARMUP,
                () -> detector(DetectorSettings.live()));
        measure("forecaster (live settings)", 2 * ForecastSettings.live().period(), AnomalyDetectorBenchmark::forecaster);
    }

    private static Model detector(DetectorSettings settings) {
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(settings);
        return new Model() {
            @Override
            public double learn(double value) {
                return detector.score(value);
            }

            @Override
            public byte[] checkpoint() {
                return detector.toBytes();
            }
        };
    }

    private static Model forecaster() {
        SeriesForecaster forecaster = new SeriesForecaster(ForecastSettings.live());
        return new Model() {
            @Override
            public double learn(double value) {
                forecaster.observe(value);
                return forecaster.forecast().values()[0];
            }

            @Override
            public byte[] checkpoint() {
                return forecaster.toBytes();
            }
        };
    }

    private static void measure(String name, int warmup, Supplier<Model> models) {
        Random random = new Random(11);
        Model model = models.get();
        feed(model, warmup, random);
        long cpu = THREADS.getCurrentThreadCpuTime();
        double sink = feed(model, POINTS, random);
        double microsPerPoint = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / POINTS;
        System.out.printf(Locale.ROOT, "%s: %.1f µs CPU per point (checksum %.1f), checkpoint %.1f kB, heap per series "
                + "%.0f kB%n", name, microsPerPoint, sink, model.checkpoint().length / 1024.0,
                heapPerSeries(models, warmup, random) / 1024.0);
    }

    private static double feed(Model model, int points, Random random) {
        double sum = 0;
        for (int i = 0; i < points; i++) {
            sum += model.learn(50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian());
        }
        return sum;
    }

    private static double heapPerSeries(Supplier<Model> models, int points, Random random) {
        long before = usedHeap();
        List<Model> kept = new ArrayList<>();
        for (int s = 0; s < SERIES_FOR_MEMORY; s++) {
            Model model = models.get();
            feed(model, points, random);
            kept.add(model);
        }
        long after = usedHeap();
        return (after - before) / (double) kept.size();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
