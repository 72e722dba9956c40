package dev.foresight.evaluate.deployment;

import java.time.Duration;
import java.util.List;

/**
 * How well a host's risk reaching one threshold before its deployment ended flags the failing ones.
 * Each population sets failures of one kind against the healthy deployments.
 *
 * @param action    what the guardian does at this threshold
 * @param warned    failures with warning signs
 * @param silent    failures without warning signs: nothing to see, so a hit here is luck
 * @param all       every failure
 * @param leadTimes for each flagged warned failure: first crossing → failure
 * @param delays    for each flagged warned failure: first warning signs → first crossing
 */
public record Detection(String action, double threshold, Confusion warned, Confusion silent, Confusion all,
                        List<Duration> leadTimes, List<Duration> delays) {

    public Detection {
        leadTimes = leadTimes.stream().sorted().toList();
        delays = delays.stream().sorted().toList();
    }
}
