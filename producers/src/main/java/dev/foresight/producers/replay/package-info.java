/**
 * Replays recorded public traces (NAB, Nextflow, WfFormat, load series, Azure LLM arrivals, CI builds)
 * as our events at their recorded event time. Entry point:
 * {@link dev.foresight.producers.replay.Replayers#forFormat(String)}.
 */
package dev.foresight.producers.replay;
