package dev.foresight.evaluate.hostrisk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published results of PREVENT-A, PREVENT-E and PREMISE on the runs of the PREVENT REDIS data set
 * (Denaro et al., IEEE TSE 49(12), 2023; as listed in the shared data's MANIFEST.md). Reference figures
 * to print beside ours, not results of this code.
 */
final class PublishedFigures {

    static final List<String> TOOLS = List.of("PREVENT-A", "PREVENT-E", "PREMISE");

    /** Earliness in minutes and stability as a share; empty when the tool raised no correct alarm. */
    record Figure(Optional<Integer> earliness, Optional<Double> stability) {

        static Figure of(int earliness, double stability) {
            return new Figure(Optional.of(earliness), Optional.of(stability));
        }

        static Figure none() {
            return new Figure(Optional.empty(), Optional.empty());
        }
    }

    private static final Map<String, Map<String, Figure>> BY_RUN = Map.of(
            "e2", Map.of("PREVENT-A", Figure.of(150, 0.48), "PREVENT-E", Figure.of(187, 0.47),
                    "PREMISE", Figure.of(186, 0.07)),
            "e4", Map.of("PREVENT-A", Figure.of(26, 0.76), "PREVENT-E", Figure.of(31, 0.87),
                    "PREMISE", Figure.none()),
            "e8", Map.of("PREVENT-A", Figure.of(80, 0.97), "PREVENT-E", Figure.of(55, 0.96),
                    "PREMISE", Figure.of(96, 0.06)));

    private static final Map<String, Map<String, Double>> STEADY_FALSE_ALARMS = Map.of(
            "e2", Map.of("PREVENT-A", 0.0, "PREVENT-E", 0.19),
            "e4", Map.of("PREVENT-A", 0.0, "PREVENT-E", 0.18),
            "e8", Map.of("PREVENT-A", 0.0, "PREVENT-E", 0.0));

    /** False-positive rate on normal operation. */
    static final Map<String, Double> NORMAL_FPR = Map.of("PREVENT-E", 0.18, "PREVENT-A", 0.31);

    private PublishedFigures() {
    }

    static Optional<Figure> of(String run, String tool) {
        return Optional.ofNullable(BY_RUN.getOrDefault(run, Map.of()).get(tool));
    }

    static Optional<Double> steadyFalseAlarms(String run, String tool) {
        return Optional.ofNullable(STEADY_FALSE_ALARMS.getOrDefault(run, Map.of()).get(tool));
    }
}
