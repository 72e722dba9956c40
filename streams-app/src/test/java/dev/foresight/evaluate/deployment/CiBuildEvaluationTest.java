package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CiBuildEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void shouldOutrankThePreviousBuildBaselineWhenChurnDrivesFailures() throws IOException {
        CiBuildReport report = CiBuildEvaluation.run(List.of(project(1)), dir.resolve("out"));

        PredictorResult model = result(report, CiBuildEvaluation.MODEL);
        PredictorResult baseline = result(report, CiBuildEvaluation.PREVIOUS_ROW);
        assertTrue(model.auc() > baseline.auc() + 0.2, "model " + model.auc() + " vs baseline " + baseline.auc());
    }

    @Test
    void shouldWriteOneCsvRowPerProjectAndPredictor() throws IOException {
        CiBuildEvaluation.run(List.of(project(1), project(2)), dir.resolve("out"));

        List<String> rows = Files.readAllLines(dir.resolve("out/ci-builds.csv"));
        assertEquals(1 + 2 * 4, rows.size());
        assertTrue(Files.readString(dir.resolve("out/ci-builds.md")).contains("| online risk model |"));
    }

    private static PredictorResult result(CiBuildReport report, String predictor) {
        return report.projects().get(0).predictors().stream()
                .filter(result -> result.predictor().equals(predictor)).findFirst().orElseThrow();
    }

    /** 600 builds; a build fails when its churn is large, independently of the build before it. */
    private Path project(int seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("build_failed,git_diff_src_churn,prev_build_result,hour_of_start,day_week");
        int previous = 0;
        for (int i = 0; i < 600; i++) {
            int churn = random.nextInt(1000);
            int failed = churn > 850 ? 1 : 0;
            lines.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%d", failed, churn, previous, i % 24, i % 7));
            previous = failed;
        }
        return Files.write(dir.resolve("project" + seed + "_data.csv"), lines);
    }
}
