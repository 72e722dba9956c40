package dev.foresight.domain.builds;

import dev.foresight.predict.risk.RiskModelSettings;
import dev.foresight.predict.risk.ThresholdSettings;

/**
 * @param model     the online risk model's learning settings
 * @param threshold how the alert threshold is chosen over the service's finished builds;
 *                  {@code evaluate ci-builds} scores the CI builds with the same
 */
public record BuildRiskSettings(RiskModelSettings model, ThresholdSettings threshold) {

    /**
     * What {@code evaluate ci-builds} found best on all its projects (its leave-one-project-out figures
     * estimate how that does on a project it never saw): a slower learner than the host risk's, whose
     * scores stay calibrated, so the alert cut is half the best F1 over (nearly) all past builds.
     */
    public static BuildRiskSettings defaults() {
        RiskModelSettings host = RiskModelSettings.defaults();
        return new BuildRiskSettings(
                new RiskModelSettings(0.02, host.l2(), host.imbalancePower(), host.maxClassWeight(), host.clip()),
                new ThresholdSettings(10_000, 0.5, 1, ThresholdSettings.CutRule.HALF_BEST_F1));
    }
}
