/**
 * Replays of recorded history: how the commands a replay issued differ from the ones the live app issued over
 * the same span. Free of Kafka: the CLI reads both sides off the topics and hands them here.
 */
package dev.foresight.replay;
