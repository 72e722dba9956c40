package dev.foresight.evaluate.workflow;

import dev.foresight.domain.workflow.DemandForecast;
import dev.foresight.domain.workflow.DemandForecaster;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Scores the look-ahead on one recorded run: once a minute of event time, right after a submit, the
 * {@link DemandForecaster} forecasts the memory (sum of peaks) of the actions the run submits over the next
 * {@value #HORIZON_MINUTES} minutes; when the horizon has passed, the forecast is compared with what
 * arrived and the forecaster is told (so its interval is calibrated only on forecasts already judged). The
 * baseline repeats the last {@value #HORIZON_MINUTES} minutes: the actions submitted then, each at its
 * type's mean peak as known at the time.
 */
final class DemandForecastEvaluation {

    static final int HORIZON_MINUTES = 10;
    static final double COVERAGE = 0.8;
    private static final long HORIZON_MS = HORIZON_MINUTES * 60_000L;
    private static final long EVERY_MS = 60_000L;
    private static final double MIB_PER_GIB = 1024;

    /**
     * @param forecasts      forecasts made
     * @param maeGib         mean absolute error of the forecast, GiB
     * @param persistenceGib the same for the repeat-the-last-window baseline
     * @param withInterval   forecasts that had an interval (after the first judged ones)
     * @param covered        of those, how many held the actual demand
     */
    record Result(String run, String source, int forecasts, double maeGib, double persistenceGib, int withInterval,
                  int covered, double meanActualGib) {

        double coverage() {
            return withInterval == 0 ? Double.NaN : (double) covered / withInterval;
        }
    }

    private record Pending(long at, DemandForecast forecast) {
    }

    private DemandForecastEvaluation() {
    }

    static Result score(ProposalTable table) {
        List<TraceTask> tasks = table.tasks();
        String workflowType = table.run().name();
        DemandForecaster forecaster = new DemandForecaster(COVERAGE);
        Deque<Pending> pending = new ArrayDeque<>();
        Tally tally = new Tally();
        String previousType = null;
        long previousSubmit = 0;
        long nextForecast = Long.MIN_VALUE;
        for (int event : table.events()) {
            if (event < 0) {
                TraceTask done = tasks.get(-1 - event);
                forecaster.completed(workflowType, done.process(), done.peakMb());
                continue;
            }
            TraceTask task = tasks.get(event);
            long now = task.submitMs();
            while (!pending.isEmpty() && pending.peekFirst().at() + HORIZON_MS <= now) {
                judge(pending.removeFirst(), tasks, workflowType, forecaster, tally);
            }
            forecaster.submitted(workflowType, previousType, task.process(), now - previousSubmit);
            previousType = task.process();
            previousSubmit = now;
            if (now >= nextForecast) {
                DemandForecast forecast = forecaster.forecast(workflowType, task.process(), 0, HORIZON_MS);
                tally.persistence.add(persistence(tasks, event, now, forecaster, workflowType));
                pending.addLast(new Pending(now, forecast));
                nextForecast = now + EVERY_MS;
            }
        }
        pending.forEach(p -> judge(p, tasks, workflowType, forecaster, tally));
        return tally.result(table.run());
    }

    private static void judge(Pending pending, List<TraceTask> tasks, String workflowType, DemandForecaster forecaster,
                              Tally tally) {
        double actual = tasks.stream().filter(t -> t.submitMs() > pending.at() && t.submitMs() <= pending.at() + HORIZON_MS)
                .mapToDouble(TraceTask::peakMb).sum();
        forecaster.judged(workflowType, pending.forecast(), actual);
        tally.add(pending.forecast(), actual);
    }

    /** The last window again: what was submitted in it, each at its type's mean peak as known now. */
    private static double persistence(List<TraceTask> tasks, int upTo, long now, DemandForecaster forecaster,
                                      String workflowType) {
        double demand = 0;
        for (int i = upTo; i >= 0 && tasks.get(i).submitMs() > now - HORIZON_MS; i--) {
            demand += forecaster.forecastPeak(workflowType, tasks.get(i).process());
        }
        return demand;
    }

    private static final class Tally {

        private final Deque<Double> persistence = new ArrayDeque<>();
        private int forecasts;
        private double absoluteError;
        private double persistenceError;
        private double actualSum;
        private int withInterval;
        private int covered;

        void add(DemandForecast forecast, double actualMb) {
            forecasts++;
            absoluteError += Math.abs(forecast.memoryMb() - actualMb);
            persistenceError += Math.abs(persistence.removeFirst() - actualMb);
            actualSum += actualMb;
            if (forecast.hasInterval()) {
                withInterval++;
                covered += actualMb >= forecast.lowerMb() && actualMb <= forecast.upperMb() ? 1 : 0;
            }
        }

        Result result(WorkflowRun run) {
            double n = Math.max(1, forecasts) * MIB_PER_GIB;
            return new Result(run.name(), run.source(), forecasts, absoluteError / n, persistenceError / n, withInterval,
                    covered, actualSum / n);
        }
    }
}
