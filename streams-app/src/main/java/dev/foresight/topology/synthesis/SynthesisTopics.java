package dev.foresight.topology.synthesis;

/**
 * The topics pipeline synthesis reads and writes, wired in by the application topology.
 *
 * @param anomalyScores the delivery signals' closed minutes, with their anomaly scores (read)
 * @param forecasts     the delivery signals' forecasts of each series (read)
 * @param templates     the live template catalogue, compacted (read whole, as a global table)
 * @param commands      ADD_STAGE and ROLLBACK for the pipeline executors
 * @param versions      every version of every definition, compacted
 * @param decisions     the decision log
 */
public record SynthesisTopics(String anomalyScores, String forecasts, String templates, String commands, String versions,
                              String decisions) {
}
