package dev.foresight.bench;

import dev.foresight.domain.workflow.DemandForecast;
import dev.foresight.domain.workflow.DemandForecaster;
import dev.foresight.domain.workflow.MemoryRules;
import dev.foresight.domain.workflow.SelectorSettings;
import dev.foresight.domain.workflow.SizingChoice;
import dev.foresight.domain.workflow.SizingSourceSelector;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The cost of one sizing decision at submit, without the LSTM (see WorkflowPredictorBenchmark for it):
 * the history rules' proposals over a type's last 64 peaks, the selector's choice among 12 sources and
 * its charge at completion, and the look-ahead's learn + forecast. Medians of 5 rounds, one thread. Not a
 * JUnit test; the command is in the README.
 */
public final class SizingDecisionBenchmark {

    private static final int ACTIONS = 200_000;
    private static final int TYPES = 40;
    private static final int HISTORY = 64;
    private static final int ROUNDS = 5;
    private static final List<String> SOURCES = IntStream.range(0, 12).mapToObj(i -> "source-" + i).toList();

    private SizingDecisionBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(11);
        double[][] peaks = new double[TYPES][HISTORY];
        double[][] runtimes = new double[TYPES][HISTORY];
        for (int t = 0; t < TYPES; t++) {
            for (int i = 0; i < HISTORY; i++) {
                peaks[t][i] = 500 * (1 + t % 5) * Math.exp(0.3 * random.nextGaussian());
                runtimes[t][i] = 60_000 * (1 + random.nextInt(30));
            }
        }
        report("history rules (last, p95, max, mean+2sd, Tovar) per submit", () -> rules(peaks, runtimes));
        report("selector choose + charge, 12 sources, per action", () -> selector(peaks, random));
        report("look-ahead learn + 10 min forecast, per submit", SizingDecisionBenchmark::lookAhead);
    }

    private interface Round {
        double run();
    }

    private static void report(String what, Round round) {
        double[] micros = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            micros[r] = round.run();
        }
        Arrays.sort(micros);
        System.out.printf("%-62s median %7.2f µs (min %.2f, max %.2f)%n", what, micros[ROUNDS / 2], micros[0],
                micros[ROUNDS - 1]);
    }

    private static double rules(double[][] peaks, double[][] runtimes) {
        double sink = 0;
        long began = System.nanoTime();
        for (int i = 0; i < ACTIONS / 10; i++) {
            int t = i % TYPES;
            sink += MemoryRules.last(peaks[t]) + MemoryRules.quantile(peaks[t], 0.95) + MemoryRules.max(peaks[t])
                    + MemoryRules.meanPlus2Sd(peaks[t]) + MemoryRules.tovar(peaks[t], runtimes[t]);
        }
        return perAction(began, ACTIONS / 10, sink);
    }

    private static double selector(double[][] peaks, Random random) {
        SizingSourceSelector selector = new SizingSourceSelector(SOURCES, new SelectorSettings(64, 1, 8));
        double[] proposals = new double[SOURCES.size()];
        double sink = 0;
        long began = System.nanoTime();
        for (int i = 0; i < ACTIONS; i++) {
            int t = i % TYPES;
            double peak = peaks[t][i % HISTORY];
            for (int s = 0; s < proposals.length; s++) {
                proposals[s] = peak * (0.7 + 0.1 * s);
            }
            SizingChoice choice = selector.choose("wf", "type-" + t, i >= TYPES, proposals);
            selector.learn("wf", "type-" + t, i >= TYPES, proposals, peak, 60_000);
            sink += choice.allocationMb();
        }
        return perAction(began, ACTIONS, sink + random.nextInt(1));
    }

    private static double lookAhead() {
        DemandForecaster forecaster = new DemandForecaster(0.8);
        double sink = 0;
        String previous = null;
        long began = System.nanoTime();
        for (int i = 0; i < ACTIONS; i++) {
            String type = "type-" + (i % TYPES);
            forecaster.submitted("wf", previous, type, 30_000);
            forecaster.completed("wf", type, 1000 + i % 7);
            DemandForecast forecast = forecaster.forecast("wf", type, 0, 600_000);
            sink += forecast.memoryMb();
            previous = type;
        }
        return perAction(began, ACTIONS, sink);
    }

    private static double perAction(long began, int actions, double sink) {
        double micros = (System.nanoTime() - began) / 1e3 / actions;
        return sink == Double.MIN_VALUE ? -1 : micros;
    }
}
