package dev.foresight.domain.workflow;

import java.util.Comparator;
import java.util.OptionalDouble;
import java.util.stream.IntStream;

/**
 * Sizes an action from the size of its input, as Witt et al.'s (2019) and Sizey's (2024) regressions do:
 * a least-squares line of peak memory on input size over the action type's completed actions, plus a margin
 * for the residuals: the largest one (every earlier action would have fit) or two standard deviations. A type
 * whose peak does not depend on its input gets a flat line, and the margin makes it the largest peak again;
 * a type with a steep one is sized for the input it has, not for the largest one seen. A slope below 0 is
 * read as 0: a larger input is not sized below a smaller one.
 */
public final class InputSizeRegression {

    /** Fewer actions with a known input than this leave the regression to other sources. */
    public static final int MIN_POINTS = 3;

    /** How far above the line to allocate. */
    public enum Margin {
        /** The line plus its largest residual. */
        MAX_RESIDUAL,
        /** The line plus two standard deviations of its residuals. */
        TWO_SD,
        /** The line times the largest ratio of a peak to its fitted value: the margin grows with the input. */
        MAX_RATIO,
        /** A line of log peak on log(1 + input MiB) plus its largest residual: peaks that grow as a power of the input. */
        LOG_LOG,
        /**
         * No line: the largest peak of the nearest earlier inputs, the one below and the two at or above (a
         * peak that grows with its input, even where it saturates, is bounded by the larger inputs'); beyond
         * the largest input seen, its peak grown along the log-log slope (between 0 and 1).
         */
        NEIGHBOURS
    }

    private InputSizeRegression() {
    }

    /**
     * @param inputsMb input sizes of the type's completed actions, oldest first, NaN where not recorded
     * @param peaksMb  their peaks, same order
     * @param count    how many of the arrays' entries are filled
     * @param inputMb  the input of the action to size
     * @return the allocation, or empty if the input is unknown, or fewer than {@value #MIN_POINTS} earlier
     *         actions had one, or all of them had the same
     */
    public static OptionalDouble propose(double[] inputsMb, double[] peaksMb, int count, double inputMb, Margin margin) {
        if (!(inputMb >= 0)) {
            return OptionalDouble.empty();
        }
        return switch (margin) {
            case NEIGHBOURS -> neighbours(inputsMb, peaksMb, count, inputMb);
            case LOG_LOG -> logLog(inputsMb, peaksMb, count, inputMb);
            case MAX_RESIDUAL, TWO_SD, MAX_RATIO -> linear(inputsMb, peaksMb, count, inputMb, margin);
        };
    }

    private static OptionalDouble linear(double[] inputsMb, double[] peaksMb, int count, double inputMb, Margin margin) {
        Line line = Line.fit(inputsMb, peaksMb, count);
        if (line == null) {
            return OptionalDouble.empty();
        }
        double fitted = line.at(inputMb);
        return OptionalDouble.of(switch (margin) {
            case MAX_RESIDUAL -> fitted + line.maxResidual;
            case TWO_SD -> fitted + 2 * line.residualSd;
            default -> Math.max(0, fitted) * line.maxRatio(inputsMb, peaksMb, count);
        });
    }

    private static OptionalDouble logLog(double[] inputsMb, double[] peaksMb, int count, double inputMb) {
        Line line = Line.fit(logInputs(inputsMb, count), logs(peaksMb, count), count);
        return line == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(Math.exp(line.at(Math.log1p(inputMb)) + line.maxResidual));
    }

    private static OptionalDouble neighbours(double[] inputsMb, double[] peaksMb, int count, double inputMb) {
        Line logLine = Line.fit(logInputs(inputsMb, count), logs(peaksMb, count), count);
        if (logLine == null) {
            return OptionalDouble.empty();
        }
        Integer[] order = IntStream.range(0, count).filter(i -> inputsMb[i] >= 0).boxed()
                .sorted(Comparator.comparingDouble(i -> inputsMb[i])).toArray(Integer[]::new);
        int above = 0;
        while (above < order.length && inputsMb[order[above]] < inputMb) {
            above++;
        }
        double allocation = 0;
        for (int k = Math.max(0, above - 1); k < Math.min(order.length, above + 2); k++) {
            allocation = Math.max(allocation, peaksMb[order[k]]);
        }
        if (above == order.length) {
            int top = order[order.length - 1];
            double growth = Math.pow((1 + inputMb) / (1 + inputsMb[top]), Math.min(1, logLine.slope));
            allocation = Math.max(allocation, peaksMb[top] * growth);
        }
        return OptionalDouble.of(allocation);
    }

    private static double[] logInputs(double[] inputsMb, int count) {
        double[] logs = new double[count];
        for (int i = 0; i < count; i++) {
            logs[i] = inputsMb[i] >= 0 ? Math.log1p(inputsMb[i]) : Double.NaN;
        }
        return logs;
    }

    private static double[] logs(double[] peaksMb, int count) {
        double[] logs = new double[count];
        for (int i = 0; i < count; i++) {
            logs[i] = Math.log(peaksMb[i]);
        }
        return logs;
    }

    private record Line(double intercept, double slope, double maxResidual, double residualSd) {

        static Line fit(double[] xs, double[] ys, int count) {
            int n = 0;
            double sumX = 0;
            double sumY = 0;
            for (int i = 0; i < count; i++) {
                if (xs[i] >= 0) {
                    n++;
                    sumX += xs[i];
                    sumY += ys[i];
                }
            }
            if (n < MIN_POINTS) {
                return null;
            }
            double meanX = sumX / n;
            double meanY = sumY / n;
            double sxx = 0;
            double sxy = 0;
            for (int i = 0; i < count; i++) {
                if (xs[i] >= 0) {
                    sxx += (xs[i] - meanX) * (xs[i] - meanX);
                    sxy += (xs[i] - meanX) * (ys[i] - meanY);
                }
            }
            if (!(sxx > 0)) {
                return null;
            }
            double slope = Math.max(0, sxy / sxx);
            double intercept = meanY - slope * meanX;
            double maxResidual = Double.NEGATIVE_INFINITY;
            double squares = 0;
            for (int i = 0; i < count; i++) {
                if (xs[i] >= 0) {
                    double residual = ys[i] - (intercept + slope * xs[i]);
                    maxResidual = Math.max(maxResidual, residual);
                    squares += residual * residual;
                }
            }
            return new Line(intercept, slope, Math.max(0, maxResidual), Math.sqrt(squares / n));
        }

        double at(double x) {
            return intercept + slope * x;
        }

        /** The largest peak over its fitted value, over the points fitted above 0; 1 if there are none. */
        double maxRatio(double[] xs, double[] ys, int count) {
            double ratio = 1;
            boolean any = false;
            for (int i = 0; i < count; i++) {
                double fitted = xs[i] >= 0 ? at(xs[i]) : 0;
                if (fitted > 0) {
                    ratio = any ? Math.max(ratio, ys[i] / fitted) : ys[i] / fitted;
                    any = true;
                }
            }
            return ratio;
        }
    }
}
