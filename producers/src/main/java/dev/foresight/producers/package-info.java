/**
 * Sending events at event time: the {@link dev.foresight.producers.EventSink} the simulators and
 * replayers write to (Kafka or memory), and the {@link dev.foresight.producers.Pacer} that keeps
 * wall-clock time in step with event time at a chosen {@link dev.foresight.producers.Speedup}.
 */
package dev.foresight.producers;
