package dev.foresight.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetrics metrics = new MicrometerMetrics(registry);

    @Test
    void shouldCountEventsPerTopic() {
        metrics.eventIn("telemetry.events.v1");
        metrics.eventIn("telemetry.events.v1");
        metrics.eventIn("workflow.events.v1");

        assertEquals(2.0, registry.get("foresight.events.in").tag("topic", "telemetry.events.v1").counter().count());
        assertEquals(1.0, registry.get("foresight.events.in").tag("topic", "workflow.events.v1").counter().count());
    }

    @Test
    void shouldCountDeadLettersPerReason() {
        metrics.deadLetter("health.events.v1", "health-validate", "duplicate");
        metrics.deadLetter("health.events.v1", "health-validate", "late");

        assertEquals(1.0, registry.get("foresight.dead.letters").tag("reason", "duplicate").counter().count());
        assertEquals(2.0, registry.get("foresight.dead.letters").tag("stage", "health-validate").counters().stream()
                .mapToDouble(c -> c.count()).sum());
    }

    @Test
    void shouldCountCommandsPerType() {
        metrics.command("rollback.commands.v1", "RollbackCommand");

        assertEquals(1.0, registry.get("foresight.commands").tag("type", "RollbackCommand").counter().count());
    }

    @Test
    void shouldRecordTheAbsoluteRelativeErrorPerModel() {
        metrics.predictionError("next-action-model", -0.5);
        metrics.predictionError("next-action-model", 0.25);

        var summary = registry.get("foresight.prediction.error").tag("model", "next-action-model").summary();
        assertEquals(2, summary.count());
        assertEquals(0.75, summary.totalAmount(), 1e-9);
    }

    @Test
    void shouldTimeTrainingAndRequests() {
        metrics.training("next-action-model", Duration.ofMillis(300));
        metrics.httpRequest("GET", "/shadow/{workflowID}", 404, Duration.ofMillis(4));

        assertEquals(300.0, registry.get("foresight.model.training").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(1, registry.get("foresight.http.requests").tag("route", "/shadow/{workflowID}")
                .tag("status", "404").timer().count());
    }
}
