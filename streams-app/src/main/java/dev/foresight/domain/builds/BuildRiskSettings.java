package dev.foresight.domain.builds;

import dev.foresight.predict.risk.RiskModelSettings;

/**
 * @param model            the online risk model's learning settings
 * @param thresholdWindow  finished builds the alert threshold is chosen over (the cut that maximized F1)
 * @param initialThreshold the alert threshold until a failed build has been seen
 */
public record BuildRiskSettings(RiskModelSettings model, int thresholdWindow, double initialThreshold) {

    public static BuildRiskSettings defaults() {
        return new BuildRiskSettings(RiskModelSettings.defaults(), 200, 0.5);
    }
}
