package dev.foresight.evaluate.forecast;

import dev.foresight.evaluate.InputFileException;
import dev.foresight.predict.forecast.ForecastSettings;
import dev.foresight.predict.forecast.SeriesForecaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The online forecaster on the message-rate series of load-prediction-dsp, on exactly the authors' test
 * points: the last 20 % of each series, horizon 1 step at 5 min, 4 at 15 min, 12 at 1 h. The authors'
 * forecast of a test point is the mean of the forecasts made for it from every origin within the
 * horizon that is not before the last training point (their {@code LASTOBSERVED} column is exactly that
 * mean of the observed values), on the values truncated to integers; ours is computed the same way,
 * the forecaster learning online from every value before each origin. One configuration for all series.
 */
public final class ForecastEvaluation {

    private static final List<String> DATASETS = List.of("IoT", "alibaba", "avazu", "google", "horton", "retailrocket");
    private static final Map<String, int[]> RATES = new LinkedHashMap<>();
    private static final double VALIDATION_START = 0.8;

    static {
        RATES.put("5min", new int[] {288, 1});
        RATES.put("15min", new int[] {96, 4});
        RATES.put("1h", new int[] {24, 12});
    }

    private ForecastEvaluation() {
    }

    public static ForecastReport run(Path root) throws IOException {
        List<SeriesResult> results = new ArrayList<>();
        for (String dataset : DATASETS) {
            for (Map.Entry<String, int[]> rate : RATES.entrySet()) {
                String name = dataset + "_" + rate.getKey();
                results.add(evaluate(name, root, ForecastSettings.forSteps(rate.getValue()[0], rate.getValue()[1])));
            }
        }
        return new ForecastReport(results);
    }

    static SeriesResult evaluate(String name, Path root, ForecastSettings settings) throws IOException {
        Path dataFile = root.resolve("data").resolve(name + ".csv");
        List<String> dates = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String[] row : rows(dataFile)) {
            dates.add(row[0]);
            values.add(Math.floor(number(row[1], dataFile)));
        }
        Published published = Published.read(root.resolve("results"), name);
        int first = dates.indexOf(published.dates().get(0));
        int points = published.dates().size();
        if (first < 1 || first + points > dates.size()
                || !dates.get(first + points - 1).equals(published.dates().get(points - 1))) {
            throw new InputFileException(dataFile, "the published test points are not consecutive rows of the series");
        }
        double[] ours = forecastTestPoints(values.subList(0, first + points), first, settings);
        double naiveScale = naiveMae(values, first);
        Validation validation = validate(values.subList(0, first), settings);
        Map<String, Metrics> methods = new LinkedHashMap<>();
        published.forecasts().forEach((method, forecast) ->
                methods.put(method, Metrics.of(published.actual(), forecast, naiveScale)));
        return new SeriesResult(name, settings.horizon(), published.actual().length,
                Metrics.of(published.actual(), ours, naiveScale), methods, validation);
    }

    /**
     * The same protocol on the training part alone, its last fifth standing in for the test points: ours
     * and the last observed value (the mean of the last {@code horizon} values). Designs are compared on
     * this, never on the test points.
     */
    static Validation validate(List<Double> training, ForecastSettings settings) {
        int first = (int) Math.round(VALIDATION_START * training.size());
        double[] actual = new double[training.size() - first];
        for (int t = first; t < training.size(); t++) {
            actual[t - first] = training.get(t);
        }
        double[] ours = forecastTestPoints(training, first, settings);
        double[] last = meanOverOrigins(training, first, settings.horizon(), (i, value) -> {
            double[] ahead = new double[settings.horizon()];
            Arrays.fill(ahead, value);
            return ahead;
        });
        return new Validation(Metrics.of(actual, ours, 1).smape(), Metrics.of(actual, last, 1).smape());
    }

    /** Each test point's forecast: the mean over the origins within the horizon, not before the last training point. */
    static double[] forecastTestPoints(List<Double> values, int first, ForecastSettings settings) {
        SeriesForecaster forecaster = new SeriesForecaster(settings);
        return meanOverOrigins(values, first, settings.horizon(), (i, value) -> {
            forecaster.observe(value);
            return i >= first - 1 ? forecaster.forecast().values() : null;
        });
    }

    /** What forecasts the steps ahead of origin {@code i} once its value is known (null: not needed). */
    private interface Origin {
        double[] ahead(int i, double value);
    }

    private static double[] meanOverOrigins(List<Double> values, int first, int horizon, Origin origin) {
        int n = values.size();
        double[] sum = new double[n];
        int[] count = new int[n];
        for (int i = 0; i < n - 1; i++) {
            double[] ahead = origin.ahead(i, values.get(i));
            if (i >= first - 1) {
                for (int h = 1; h <= horizon && i + h < n; h++) {
                    sum[i + h] += ahead[h - 1];
                    count[i + h]++;
                }
            }
        }
        double[] test = new double[n - first];
        for (int t = first; t < n; t++) {
            test[t - first] = sum[t] / count[t];
        }
        return test;
    }

    /** Mean absolute error of the one-step naive forecast on the training part: MASE's scale. */
    private static double naiveMae(List<Double> values, int first) {
        double sum = 0;
        for (int i = 1; i < first; i++) {
            sum += Math.abs(values.get(i) - values.get(i - 1));
        }
        return sum / (first - 1);
    }

    static List<String[]> rows(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputFileException(file, e.getMessage(), e);
        }
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.split(",", -1));
            }
        }
        if (rows.isEmpty()) {
            throw new InputFileException(file, "no rows");
        }
        return rows;
    }

    static double number(String text, Path file) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InputFileException(file, "not a number: " + text);
        }
    }

    /** sMAPE (percent) and MASE of one method's forecasts of the test points. */
    public record Metrics(double smape, double mase) {

        static Metrics of(double[] actual, double[] forecast, double naiveScale) {
            double smape = 0;
            double absolute = 0;
            for (int i = 0; i < actual.length; i++) {
                double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
                smape += denominator == 0 ? 0 : 2 * Math.abs(forecast[i] - actual[i]) / denominator;
                absolute += Math.abs(forecast[i] - actual[i]);
            }
            return new Metrics(100 * smape / actual.length, absolute / actual.length / naiveScale);
        }
    }

    /** sMAPE (percent) on the validation tail of the training part: ours and the last observed value. */
    public record Validation(double ours, double lastObserved) {

        public double ratio() {
            return ours / lastObserved;
        }
    }

    /** One series: ours and every published method on the same test points, and ours on the validation tail. */
    public record SeriesResult(String name, int horizon, int points, Metrics ours, Map<String, Metrics> published,
            Validation validation) {

        public Map.Entry<String, Metrics> bestPublished() {
            return published.entrySet().stream().min(Map.Entry.comparingByValue(
                    java.util.Comparator.comparingDouble(Metrics::smape))).orElseThrow();
        }

        public boolean beatsBest() {
            return ours.smape() < bestPublished().getValue().smape();
        }
    }
}
