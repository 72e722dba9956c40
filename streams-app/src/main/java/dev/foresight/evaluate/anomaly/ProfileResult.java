package dev.foresight.evaluate.anomaly;

import java.util.List;

/**
 * Our detector under one profile: the one threshold chosen over all files (as NAB does), the per-file
 * scores at it and the normalized total, and the normalized total when each file is scored at the
 * threshold chosen on the other files only (leave-one-out: a figure for files we do not have).
 */
public record ProfileResult(NabProfile profile, double threshold, List<NabFileScore> files, double normalized,
                            double leaveOneOutNormalized) {

    public ProfileResult {
        files = List.copyOf(files);
    }
}
