package dev.foresight.domain.builds;

import dev.foresight.predict.risk.RiskModelSettings;
import dev.foresight.predict.risk.ThresholdSettings;

/**
 * @param model     the online risk model's learning settings
 * @param threshold how the alert threshold is chosen over the service's finished builds (the cut that
 *                  maximized F1); {@code evaluate ci-builds} scores the CI builds with the same
 */
public record BuildRiskSettings(RiskModelSettings model, ThresholdSettings threshold) {

    public static BuildRiskSettings defaults() {
        return new BuildRiskSettings(RiskModelSettings.defaults(), new ThresholdSettings(200, 0.5, 1, ThresholdSettings.CutRule.BEST_PAST_CUT));
    }
}
