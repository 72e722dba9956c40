package dev.foresight.evaluate.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads one project's builds from the BF-Detector / TravisTorrent CSV (label {@code build_failed},
 * rows in time order) and encodes what is known before each build starts.
 *
 * <p>Left out: {@code gh_num_commit_comments} (counted when the data was mined, so it may include
 * comments written in reaction to the build's result) and the calendar date (year, month, day: a
 * position in time that never recurs). Hour and weekday become cyclic / weekend features; counts and
 * sizes are log-compressed so a huge commit does not dominate a linear model. Every other column is
 * used as is. A value that does not parse becomes NaN, which the model reads as "average".
 */
public final class CiBuildCsv {

    static final String LABEL = "build_failed";
    static final String PREVIOUS_RESULT = "prev_build_result";
    private static final String HOUR = "hour_of_start";
    private static final String WEEKDAY = "day_week";
    private static final Set<String> EXCLUDED = Set.of(
            LABEL, "gh_num_commit_comments", "year_of_start", "month_of_start", "day_of_start", HOUR, WEEKDAY);
    private static final Set<String> COUNTS = Set.of(
            "gh_team_size", "git_num_all_built_commits", "git_diff_src_churn", "git_diff_test_churn",
            "gh_diff_files_added", "gh_diff_files_deleted", "gh_diff_files_modified", "gh_diff_tests_added",
            "gh_diff_tests_deleted", "gh_diff_src_files", "gh_diff_doc_files", "gh_diff_other_files",
            "gh_num_commits_on_files_touched", "gh_sloc", "gh_test_lines_per_kloc", "gh_test_cases_per_kloc",
            "gh_asserts_cases_per_kloc", "elapsed_days_last_build", "comm_avg_experience",
            "totalNumberOfRevisions", "no_config_edited", "num_files_edited", "num_distinct_authors");
    private static final List<String> CALENDAR_FEATURES = List.of("hour_sin", "hour_cos", "weekend");

    private final List<String> header;
    private final List<String> featureNames;
    private final List<CiBuild> builds;

    private CiBuildCsv(List<String> header, List<CiBuild> builds) {
        this.header = header;
        this.featureNames = new ArrayList<>(header.stream().filter(column -> !EXCLUDED.contains(column)).toList());
        this.featureNames.addAll(CALENDAR_FEATURES);
        this.builds = builds;
    }

    public static CiBuildCsv read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty()) {
            throw new IOException("empty CI build file " + file);
        }
        List<String> header = Arrays.asList(lines.get(0).trim().split(","));
        for (String required : List.of(LABEL, PREVIOUS_RESULT, HOUR, WEEKDAY)) {
            if (!header.contains(required)) {
                throw new IOException(file + " has no column " + required);
            }
        }
        CiBuildCsv csv = new CiBuildCsv(List.copyOf(header), new ArrayList<>());
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                csv.builds.add(csv.encode(line.trim().split(",", -1)));
            }
        }
        return csv;
    }

    public List<String> featureNames() {
        return List.copyOf(featureNames);
    }

    public List<CiBuild> builds() {
        return List.copyOf(builds);
    }

    private CiBuild encode(String[] cells) {
        double[] features = new double[featureNames.size()];
        int next = 0;
        for (int column = 0; column < header.size(); column++) {
            String name = header.get(column);
            if (!EXCLUDED.contains(name)) {
                double value = number(cells, column);
                features[next++] = COUNTS.contains(name) ? Math.log1p(Math.max(0, value)) : value;
            }
        }
        double hourAngle = 2 * Math.PI * number(cells, header.indexOf(HOUR)) / 24;
        double weekday = number(cells, header.indexOf(WEEKDAY));
        features[next++] = Math.sin(hourAngle);
        features[next++] = Math.cos(hourAngle);
        features[next] = weekday == 0 || weekday == 6 ? 1 : 0;
        return new CiBuild(features, number(cells, header.indexOf(LABEL)) == 1,
                number(cells, header.indexOf(PREVIOUS_RESULT)) == 1);
    }

    private static double number(String[] cells, int column) {
        if (column >= cells.length) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cells[column].trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
