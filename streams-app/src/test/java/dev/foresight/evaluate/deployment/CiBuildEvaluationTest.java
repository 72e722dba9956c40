package dev.foresight.evaluate.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.builds.BuildRiskSettings;
import dev.foresight.predict.risk.RiskModelSettings;
import dev.foresight.predict.risk.ThresholdSettings;
import dev.foresight.predict.risk.ThresholdSettings.CutRule;
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
        ProjectResult project = CiBuildEvaluation.replay("churn", CiBuildCsv.read(churnProject(1, 2000)),
                BuildRiskSettings.defaults());

        PredictorResult model = result(project, CiBuildEvaluation.MODEL);
        PredictorResult baseline = result(project, CiBuildEvaluation.PREVIOUS_ROW);
        assertTrue(model.auc() > baseline.auc() + 0.2, "model " + model.auc() + " vs baseline " + baseline.auc());
    }

    @Test
    void shouldWriteOneCsvRowPerProtocolProjectAndPredictor() throws IOException {
        CiBuildEvaluation.run(List.of(churnProject(1, 300), churnProject(2, 300)), dir.resolve("out"));

        List<String> rows = Files.readAllLines(dir.resolve("out/ci-builds.csv"));
        assertEquals(1 + 2 * 2 * 5, rows.size());
        String markdown = Files.readString(dir.resolve("out/ci-builds.md"));
        assertTrue(markdown.contains("## Unseen projects (leave-one-project-out)"), markdown);
        assertTrue(markdown.contains("| online risk model |"), markdown);
    }

    @Test
    void shouldCountTheRulesThatNeedNoThresholdBuildByBuild() throws IOException {
        // outcomes 0 1 1 0 1 0; the data set's prev_build_result is always "passed"
        ProjectResult project = CiBuildEvaluation.replay("tiny", CiBuildCsv.read(labelled(0, 1, 1, 0, 1, 0)),
                new BuildRiskSettings(RiskModelSettings.defaults(),
                        new ThresholdSettings(10, 0.5, 1, CutRule.BEST_PAST_CUT)));

        // previous row: alerts on builds 3, 4 and 6 (each after a failure), of which only build 3 failed
        assertEquals(new Confusion(1, 2, 2, 1), result(project, CiBuildEvaluation.PREVIOUS_ROW).confusion());
        assertEquals(new Confusion(0, 0, 3, 3), result(project, CiBuildEvaluation.PREVIOUS_RESULT).confusion());
        assertEquals(new Confusion(3, 3, 0, 0), result(project, CiBuildEvaluation.EVERY_BUILD).confusion());
    }

    @Test
    void shouldNotAlertWhileTheWindowHoldsFewerFailuresThanTrusted() throws IOException {
        // the initial cut of 1 is above every probability: no alert until 10 failures were seen
        ProjectResult project = CiBuildEvaluation.replay("tiny", CiBuildCsv.read(labelled(1, 1, 1, 1, 1, 1, 1, 1, 1)),
                new BuildRiskSettings(RiskModelSettings.defaults(),
                        new ThresholdSettings(20, 1, 10, CutRule.BEST_PAST_CUT)));

        assertEquals(new Confusion(0, 0, 9, 0), result(project, CiBuildEvaluation.MODEL).confusion());
        assertEquals(new Confusion(0, 0, 9, 0), result(project, CiBuildEvaluation.PRIOR_ONLY).confusion());
    }

    @Test
    void shouldScoreEachHeldOutProjectWithTheSettingsBestOnTheOthers() {
        // candidate 0 is best on project a, candidate 1 on b and c
        List<List<ProjectResult>> byCandidate = List.of(
                List.of(oneModel("a", 0.9), oneModel("b", 0.2), oneModel("c", 0.3)),
                List.of(oneModel("a", 0.1), oneModel("b", 0.4), oneModel("c", 0.5)));

        List<ProjectResult> unseen = CiBuildEvaluation.leaveOneProjectOut(byCandidate);

        // a is scored with candidate 1 (best on b and c), b with 0 (mean 0.6 on a and c beats 0.3), c with 0
        assertEquals(List.of(0.1, 0.2, 0.3), unseen.stream()
                .map(project -> project.predictors().get(0).auc()).toList());
    }

    private static ProjectResult oneModel(String project, double f1) {
        // F1 = 2tp / (2tp + fp + fn) with tp = round(f1 * 100), fn = fp = (100 - tp): F1 = tp / 100
        long tp = Math.round(f1 * 100);
        return new ProjectResult(project, 1, 1, List.of(new PredictorResult(CiBuildEvaluation.MODEL, "rule", f1,
                new Confusion(tp, 100 - tp, 100 - tp, 0))));
    }

    private static PredictorResult result(ProjectResult project, String predictor) {
        return project.predictors().stream()
                .filter(result -> result.predictor().equals(predictor)).findFirst().orElseThrow();
    }

    private Path labelled(int... outcomes) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("build_failed,git_diff_src_churn,prev_build_result,hour_of_start,day_week");
        for (int i = 0; i < outcomes.length; i++) {
            lines.add(String.format(Locale.ROOT, "%d,%d,0,%d,%d", outcomes[i], 10 + i, i % 24, i % 7));
        }
        return Files.write(dir.resolve("tiny_data.csv"), lines);
    }

    /** A build fails when its churn is large, independently of the build before it. */
    private Path churnProject(int seed, int builds) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        lines.add("build_failed,git_diff_src_churn,prev_build_result,hour_of_start,day_week");
        int previous = 0;
        for (int i = 0; i < builds; i++) {
            int churn = random.nextInt(1000);
            int failed = churn > 850 ? 1 : 0;
            lines.add(String.format(Locale.ROOT, "%d,%d,%d,%d,%d", failed, churn, previous, i % 24, i % 7));
            previous = failed;
        }
        return Files.write(dir.resolve("project" + seed + "_data.csv"), lines);
    }
}
