package dev.foresight.bench;

import com.sun.management.ThreadMXBean;
import dev.foresight.domain.signals.DetectorSettings;
import dev.foresight.domain.signals.OnlineAnomalyDetector;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * CPU cost per point and heap per series of {@link OnlineAnomalyDetector} with the default settings.
 * Not a test; run it with {@code mvn -q -B -o -pl streams-app -Djavacpp.platform=linux-x86_64
 * test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * -Dexec.args="-Xmx512m -cp %classpath dev.foresight.bench.AnomalyDetectorBenchmark"}.
 *
 * <p>Workload: a daily cycle of 288 points with noise, 20 000 points per series after the pattern memory
 * is full, so the nearest-neighbour search runs over the whole memory.
 */
public final class AnomalyDetectorBenchmark {

    private static final int POINTS = 20_000;
    private static final int SERIES_FOR_MEMORY = 100;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AnomalyDetectorBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(11);
        OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
        feed(detector, DetectorSettings.defaults().patternMemory() + 1000, random);
        long cpu = THREADS.getCurrentThreadCpuTime();
        double sink = feed(detector, POINTS, random);
        double microsPerPoint = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / POINTS;
        System.out.printf(Locale.ROOT, "score(): %.1f µs CPU per point (checksum %.1f)%n", microsPerPoint, sink);
        System.out.printf(Locale.ROOT, "heap per series: %.0f kB%n", heapPerSeries(random) / 1024.0);
    }

    private static double feed(OnlineAnomalyDetector detector, int points, Random random) {
        double sum = 0;
        for (int i = 0; i < points; i++) {
            sum += detector.score(50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + random.nextGaussian());
        }
        return sum;
    }

    private static double heapPerSeries(Random random) {
        long before = usedHeap();
        List<OnlineAnomalyDetector> detectors = new ArrayList<>();
        for (int s = 0; s < SERIES_FOR_MEMORY; s++) {
            OnlineAnomalyDetector detector = new OnlineAnomalyDetector(DetectorSettings.defaults());
            feed(detector, DetectorSettings.defaults().patternMemory() + 100, random);
            detectors.add(detector);
        }
        long after = usedHeap();
        return (after - before) / (double) detectors.size();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
