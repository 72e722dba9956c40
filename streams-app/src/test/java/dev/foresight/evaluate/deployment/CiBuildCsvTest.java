package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiBuildCsvTest {

    private static final String HEADER = "build_failed,gh_num_commit_comments,git_diff_src_churn,same_committer,"
            + "year_of_start,hour_of_start,prev_build_result,day_week";

    @TempDir
    Path dir;

    @Test
    void shouldLeaveOutPostBuildAndCalendarColumns() throws IOException {
        CiBuildCsv csv = CiBuildCsv.read(write(HEADER, "1,5,10,1,2014,6,0,3"));

        assertEquals(List.of("git_diff_src_churn", "same_committer", "prev_build_result",
                "hour_sin", "hour_cos", "weekend"), csv.featureNames());
    }

    @Test
    void shouldEncodeCountsHourAndWeekday() throws IOException {
        CiBuild build = CiBuildCsv.read(write(HEADER, "1,5,10,1,2014,6,0,0")).builds().get(0);

        assertArrayEquals(new double[] {Math.log1p(10), 1, 0, 1, Math.cos(Math.PI / 2), 1}, build.features());
    }

    @Test
    void shouldReadLabelAndPreviousResult() throws IOException {
        List<CiBuild> builds = CiBuildCsv.read(write(HEADER, "1,0,1,0,2014,6,0,3", "0,0,1,0,2014,7,1,3")).builds();

        assertTrue(builds.get(0).failed());
        assertFalse(builds.get(0).previousBuildFailed());
        assertFalse(builds.get(1).failed());
        assertTrue(builds.get(1).previousBuildFailed());
    }

    @Test
    void shouldReadAnUnparsableValueAsMissing() throws IOException {
        CiBuild build = CiBuildCsv.read(write(HEADER, "0,0,lots,1,2014,6,0,3")).builds().get(0);

        assertTrue(Double.isNaN(build.features()[0]));
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-12);
    }

    private Path write(String... lines) throws IOException {
        return Files.write(dir.resolve("demo_project_data.csv"), List.of(lines));
    }
}
