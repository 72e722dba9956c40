package dev.foresight.evaluate.deployment;

import dev.foresight.domain.builds.BuildRiskSettings;
import dev.foresight.domain.builds.BuildRiskTracker;
import dev.foresight.predict.risk.OnlineF1Threshold;
import dev.foresight.predict.risk.OnlineRiskModel;
import dev.foresight.predict.risk.RiskModelSettings;
import dev.foresight.predict.risk.RiskPrior;
import dev.foresight.predict.risk.ThresholdSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Replays real CI builds one project at a time in time order, as the live build risk sees a service's
 * builds: each build is scored at its start and an alert decided then, from what was known then; its
 * outcome is learned after. The online model is the live {@link BuildRiskTracker} (its model and its
 * {@link OnlineF1Threshold}) with the CI data set's features. Compared against the same model that never
 * learns, cut by the same online threshold, and against rules that need no threshold: "the previous build
 * failed" in two readings (the data set's {@code prev_build_result} column, and the outcome of the
 * previous row of the replay) and "every build fails".
 *
 * <p>Two protocols: every project with the live threshold settings, and unseen projects, where each
 * project is scored with the threshold settings that did best, for that predictor, on the other projects.
 */
public final class CiBuildEvaluation {

    static final String MODEL = "online risk model";
    static final String PRIOR_ONLY = "prior only (never learns)";
    static final String PREVIOUS_RESULT = "baseline: prev_build_result";
    static final String PREVIOUS_ROW = "baseline: previous build in replay";
    static final String EVERY_BUILD = "baseline: alert on every build";
    /** Where the online model is among each project's results. */
    private static final int MODEL_RESULT = 0;

    /**
     * Set by hand before looking at the data: a build after a failure, or from a project or committer
     * failing lately, is more likely to fail; otherwise about 8 % of builds fail.
     */
    static final RiskPrior CI_PRIOR = new RiskPrior(Map.of(
            "last_seen_failed", 1.5, "prev_build_result", 1.0,
            "proj_fail_rate_recent", 1.5, "comm_fail_rate_recent", 1.0), -2.5);

    /**
     * The settings leave-one-project-out chooses among, the live ones first (kept on ties): the model's
     * learning rate, and for the alert threshold windows from weeks to years of builds, the prior's natural
     * cut or a lower one during the warm-up, how many failures the window must hold before its cut is
     * trusted, and either cut rule.
     */
    static final List<BuildRiskSettings> CANDIDATES = Stream.concat(Stream.of(BuildRiskSettings.defaults()),
            Stream.of(0.02, 0.05, 0.1).flatMap(rate -> thresholds().map(threshold -> new BuildRiskSettings(
                    learningAt(rate), threshold)))).distinct().toList();

    private CiBuildEvaluation() {
    }

    private static Stream<ThresholdSettings> thresholds() {
        return Stream.of(200, 1000, 10_000).flatMap(window -> Stream.of(0.3, 0.5).flatMap(initial ->
                Stream.of(1, 20).flatMap(failures -> Arrays.stream(ThresholdSettings.CutRule.values())
                        .map(rule -> new ThresholdSettings(window, initial, failures, rule)))));
    }

    private static RiskModelSettings learningAt(double rate) {
        RiskModelSettings live = BuildRiskSettings.defaults().model();
        return new RiskModelSettings(rate, live.l2(), live.imbalancePower(), live.maxClassWeight(), live.clip());
    }

    /** Evaluates every file, writes {@code ci-builds.md} and {@code ci-builds.csv} to {@code outDir}. */
    public static CiBuildReport run(List<Path> csvFiles, Path outDir) throws IOException {
        Map<String, CiBuildCsv> projects = new LinkedHashMap<>();
        for (Path file : csvFiles) {
            projects.put(projectName(file), CiBuildCsv.read(file));
        }
        CiBuildReport report = evaluate(projects);
        report.writeTo(outDir);
        return report;
    }

    static CiBuildReport evaluate(Map<String, CiBuildCsv> projects) {
        List<List<ProjectResult>> byCandidate = CANDIDATES.stream().map(settings -> replayAll(projects, settings))
                .toList();
        BuildRiskSettings live = BuildRiskSettings.defaults();
        BuildRiskSettings onAll = CANDIDATES.get(bestOnOthers(byCandidate, -1, MODEL_RESULT));
        return new CiBuildReport(List.of(
                new CiBuildTable("unseen", "Unseen projects (leave-one-project-out)",
                        "Each project is scored with the settings that gave each predictor its best mean "
                                + "F1 over the other projects; the model starts from the prior on every project. "
                                + "On all projects the online model's best settings are: " + describe(onAll) + ".",
                        leaveOneProjectOut(byCandidate)),
                new CiBuildTable("live", "Every project with the live settings",
                        "The live topology's settings (" + describe(live) + ") on every project.",
                        byCandidate.get(0))));
    }

    /** Per project, each predictor's result under the candidate that did best for it on the others. */
    static List<ProjectResult> leaveOneProjectOut(List<List<ProjectResult>> byCandidate) {
        List<ProjectResult> results = new ArrayList<>();
        List<ProjectResult> anyCandidate = byCandidate.get(0);
        for (int heldOut = 0; heldOut < anyCandidate.size(); heldOut++) {
            ProjectResult project = anyCandidate.get(heldOut);
            int scoredProject = heldOut;
            List<PredictorResult> chosen = IntStream.range(0, project.predictors().size())
                    .mapToObj(predictor -> byCandidate.get(bestOnOthers(byCandidate, scoredProject, predictor))
                            .get(scoredProject).predictors().get(predictor))
                    .toList();
            results.add(new ProjectResult(project.project(), project.builds(), project.failures(), chosen));
        }
        return results;
    }

    /**
     * The first candidate of best mean F1 over the projects other than {@code heldOut} (over all of them if
     * it is none of them); the live one if there are no others.
     */
    private static int bestOnOthers(List<List<ProjectResult>> byCandidate, int heldOut, int predictor) {
        int best = 0;
        double bestF1 = Double.NEGATIVE_INFINITY;
        for (int candidate = 0; candidate < byCandidate.size(); candidate++) {
            List<ProjectResult> projects = byCandidate.get(candidate);
            double meanF1 = IntStream.range(0, projects.size()).filter(project -> project != heldOut)
                    .mapToDouble(project -> projects.get(project).predictors().get(predictor).confusion().f1())
                    .average().orElse(Double.NaN);
            if (meanF1 > bestF1) {
                best = candidate;
                bestF1 = meanF1;
            }
        }
        return best;
    }

    private static List<ProjectResult> replayAll(Map<String, CiBuildCsv> projects, BuildRiskSettings settings) {
        return projects.entrySet().stream().map(project -> replay(project.getKey(), project.getValue(), settings))
                .toList();
    }

    static ProjectResult replay(String project, CiBuildCsv csv, BuildRiskSettings settings) {
        List<String> names = new ArrayList<>(csv.featureNames());
        names.addAll(BuildHistory.FEATURE_NAMES);
        BuildRiskTracker tracker = new BuildRiskTracker(settings, names, CI_PRIOR);
        OnlineRiskModel prior = new OnlineRiskModel(names, CI_PRIOR, settings.model());
        OnlineF1Threshold priorThreshold = new OnlineF1Threshold(settings.threshold());
        PredictorTrack modelTrack = new PredictorTrack(MODEL, describe(settings));
        PredictorTrack priorTrack = new PredictorTrack(PRIOR_ONLY, describe(settings.threshold()));
        PredictorTrack previousResult = new PredictorTrack(PREVIOUS_RESULT, "alert iff prev_build_result failed");
        PredictorTrack previousRow = new PredictorTrack(PREVIOUS_ROW, "alert iff the previous row failed");
        PredictorTrack everyBuild = new PredictorTrack(EVERY_BUILD, "alert always");
        BuildHistory history = new BuildHistory();
        int failures = 0;
        for (CiBuild build : csv.builds()) {
            double[] features = withHistory(build.features(), history.features());
            BuildRiskTracker.Verdict verdict = tracker.started(features);
            double priorScore = prior.score(features);
            modelTrack.record(verdict.score(), verdict.alert(), build.failed());
            priorTrack.record(priorScore, priorScore >= priorThreshold.threshold(), build.failed());
            previousResult.record(build.previousBuildFailed() ? 1 : 0, build.previousBuildFailed(), build.failed());
            previousRow.record(history.lastFailed() ? 1 : 0, history.lastFailed(), build.failed());
            everyBuild.record(1, true, build.failed());
            tracker.finished(features, verdict.score(), build.failed());
            priorThreshold.observe(priorScore, build.failed());
            history.add(build.failed());
            failures += build.failed() ? 1 : 0;
        }
        return new ProjectResult(project, csv.builds().size(), failures, Stream.of(
                modelTrack, priorTrack, previousResult, previousRow, everyBuild).map(PredictorTrack::result).toList());
    }

    static String describe(BuildRiskSettings settings) {
        return String.format(Locale.ROOT, "learning rate %.2f, %s", settings.model().learningRate(),
                describe(settings.threshold()));
    }

    static String describe(ThresholdSettings settings) {
        String rule = settings.rule() == ThresholdSettings.CutRule.BEST_PAST_CUT ? "best past F1 cut" : "half best F1";
        return String.format(Locale.ROOT, "%s over the last %d, %.2f until %d failed", rule, settings.window(),
                settings.initial(), settings.minFailures());
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
