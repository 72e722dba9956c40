package dev.foresight.evaluate.deployment;

import dev.foresight.predict.risk.OnlineRiskModel;
import dev.foresight.predict.risk.RiskModelSettings;
import dev.foresight.predict.risk.RiskPrior;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replays real CI builds through the online risk model, one project at a time in time order: predict
 * each build, then learn its outcome. Compared against "the previous build failed" in two readings:
 * the data set's {@code prev_build_result} column, and the outcome of the previous row of the replay.
 */
public final class CiBuildEvaluation {

    static final String MODEL = "online risk model";
    static final String PRIOR_ONLY = "prior only (never learns)";
    static final String PREVIOUS_RESULT = "baseline: prev_build_result";
    static final String PREVIOUS_ROW = "baseline: previous build in replay";

    /**
     * Set by hand before looking at the data: a build after a failure, or from a project or committer
     * failing lately, is more likely to fail; otherwise about 8 % of builds fail.
     */
    static final RiskPrior CI_PRIOR = new RiskPrior(Map.of(
            "last_seen_failed", 1.5, "prev_build_result", 1.0,
            "proj_fail_rate_recent", 1.5, "comm_fail_rate_recent", 1.0), -2.5);

    private CiBuildEvaluation() {
    }

    /** Evaluates every file, writes {@code ci-builds.md} and {@code ci-builds.csv} to {@code outDir}. */
    public static CiBuildReport run(List<Path> csvFiles, Path outDir) throws IOException {
        List<ProjectResult> projects = new ArrayList<>();
        for (Path file : csvFiles) {
            projects.add(replay(projectName(file), CiBuildCsv.read(file), RiskModelSettings.defaults()));
        }
        CiBuildReport report = new CiBuildReport(projects);
        report.writeTo(outDir);
        return report;
    }

    static ProjectResult replay(String project, CiBuildCsv csv, RiskModelSettings settings) {
        List<String> names = new ArrayList<>(csv.featureNames());
        names.addAll(BuildHistory.FEATURE_NAMES);
        OnlineRiskModel model = new OnlineRiskModel(names, CI_PRIOR, settings);
        OnlineRiskModel prior = new OnlineRiskModel(names, CI_PRIOR, settings);
        PredictorTrack modelTrack = PredictorTrack.scored(MODEL);
        PredictorTrack priorTrack = PredictorTrack.scored(PRIOR_ONLY);
        PredictorTrack previousResult = PredictorTrack.binary(PREVIOUS_RESULT);
        PredictorTrack previousRow = PredictorTrack.binary(PREVIOUS_ROW);
        BuildHistory history = new BuildHistory();
        int failures = 0;
        for (CiBuild build : csv.builds()) {
            double[] features = withHistory(build.features(), history.features());
            modelTrack.record(model.score(features), build.failed());
            priorTrack.record(prior.score(features), build.failed());
            previousResult.record(build.previousBuildFailed() ? 1 : 0, build.failed());
            previousRow.record(history.lastFailed() ? 1 : 0, build.failed());
            model.learn(features, build.failed());
            history.add(build.failed());
            failures += build.failed() ? 1 : 0;
        }
        return new ProjectResult(project, csv.builds().size(), failures, List.of(
                modelTrack.result(), priorTrack.result(), previousResult.result(), previousRow.result()));
    }

    private static double[] withHistory(double[] features, double[] history) {
        double[] all = Arrays.copyOf(features, features.length + history.length);
        System.arraycopy(history, 0, all, features.length, history.length);
        return all;
    }

    private static String projectName(Path file) {
        return file.getFileName().toString().replaceFirst("_data\\.csv$", "").replaceFirst("\\.csv$", "");
    }
}
