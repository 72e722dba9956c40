package dev.foresight.evaluate.forecast;

import dev.foresight.evaluate.InputFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The authors' forecasts of one series' test points: {@code <name>_results.csv} (the classic methods) and
 * {@code <name>_cuda:0_results.csv} (GRU, CNN), each {@code date,t,<method>...}; the deep methods' file may
 * go on past the last date of the classic ones, which are the test points all methods share.
 */
record Published(List<String> dates, double[] actual, Map<String, double[]> forecasts) {

    static Published read(Path results, String name) throws IOException {
        List<String> dates = new ArrayList<>();
        double[][] actual = new double[1][];
        Map<String, double[]> forecasts = new LinkedHashMap<>();
        for (String file : List.of(name + "_results.csv", name + "_cuda:0_results.csv")) {
            Path path = results.resolve(file);
            if (!Files.exists(path)) {
                throw new InputFileException(path, "missing");
            }
            String[] header = Files.readAllLines(path).get(0).split(",");
            List<String[]> rows = ForecastEvaluation.rows(path);
            if (dates.isEmpty()) {
                rows.forEach(row -> dates.add(row[0]));
                actual[0] = column(rows, 1, path);
            } else if (rows.size() < dates.size() || !rows.get(0)[0].equals(dates.get(0))
                    || !rows.get(dates.size() - 1)[0].equals(dates.get(dates.size() - 1))) {
                throw new InputFileException(path, "does not start with the test points of " + name + "_results.csv");
            }
            rows = rows.subList(0, dates.size());
            for (int c = 2; c < header.length; c++) {
                forecasts.put(header[c].trim(), column(rows, c, path));
            }
        }
        return new Published(dates, actual[0], forecasts);
    }

    private static double[] column(List<String[]> rows, int column, Path path) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            if (rows.get(i).length <= column) {
                throw new InputFileException(path, "row " + (i + 2) + " has no column " + (column + 1));
            }
            values[i] = ForecastEvaluation.number(rows.get(i)[column], path);
        }
        return values;
    }
}
