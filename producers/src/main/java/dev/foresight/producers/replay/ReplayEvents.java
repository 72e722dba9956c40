package dev.foresight.producers.replay;

import dev.foresight.producers.TimedEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.topics.Topics;
import java.time.Instant;
import java.util.Map;

/** Builds replayed events with the key each topic expects. Event ids are {@code <file>-<n>}, stable per file. */
final class ReplayEvents {

    private ReplayEvents() {
    }

    /** A sample with every measurement zero: single-metric traces fill in what they know. */
    static TelemetryEvent.Builder telemetry(String eventId, String hostId, String serviceId, long timeMs) {
        return TelemetryEvent.newBuilder()
                .setEventId(eventId)
                .setHostId(hostId)
                .setServiceId(serviceId)
                .setTimestamp(Instant.ofEpochMilli(timeMs))
                .setCpuUtilization(0).setMemoryUtilization(0).setNetworkMbps(0)
                .setLatencyMs(0).setRequestRate(0).setErrorRate(0)
                .setKpis(Map.of());
    }

    static TimedEvent<TelemetryEvent> timed(TelemetryEvent event) {
        return new TimedEvent<>(Topics.TELEMETRY, event.getHostId(), event, event.getTimestamp().toEpochMilli());
    }

    static TimedEvent<WorkflowEvent> workflow(String eventId, String workflowId, String workflowType, long timeMs,
                                              Object payload) {
        WorkflowEvent event = WorkflowEvent.newBuilder()
                .setEventId(eventId)
                .setWorkflowId(workflowId)
                .setWorkflowType(workflowType)
                .setTimestamp(Instant.ofEpochMilli(timeMs))
                .setPayload(payload)
                .build();
        return new TimedEvent<>(Topics.WORKFLOWS, workflowId, event, timeMs);
    }

    static TimedEvent<PipelineEvent> pipeline(String eventId, String serviceId, long timeMs, Object payload) {
        PipelineEvent event = PipelineEvent.newBuilder()
                .setEventId(eventId)
                .setServiceId(serviceId)
                .setTimestamp(Instant.ofEpochMilli(timeMs))
                .setPayload(payload)
                .build();
        return new TimedEvent<>(Topics.PIPELINES, serviceId, event, timeMs);
    }
}
