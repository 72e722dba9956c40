package dev.foresight.producers.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.producers.RecordingEventSink;
import dev.foresight.schema.commands.PipelineSynthesisCommand;
import dev.foresight.schema.commands.StageOperation;
import dev.foresight.schema.common.Decision;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.PipelineRunFinished;
import dev.foresight.schema.events.StageResult;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineExecutorSimulatorTest {

    private static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    private static Simulation simulation(boolean synthesis) {
        return Simulation.builder().seed(3).start(START).services(2).hostsPerService(1).pipelineSynthesis(synthesis)
                .build();
    }

    private static List<PipelineRunFinished> runs(RecordingEventSink sink, String service) {
        return sink.values(Topics.PIPELINES).stream().filter(e -> e.getServiceId().equals(service))
                .map(PipelineEvent::getPayload).filter(PipelineRunFinished.class::isInstance)
                .map(PipelineRunFinished.class::cast).toList();
    }

    @Test
    void shouldRunVersionOneEveryTenMinutesThenTheVersionItIsTold() {
        Simulation simulation = simulation(true);
        String service = simulation.fleet().services().get(0).serviceId();
        RecordingEventSink before = new RecordingEventSink();
        simulation.runFor(Duration.ofHours(1), before);
        assertEquals(6, runs(before, service).size());
        assertTrue(runs(before, service).stream().allMatch(r -> r.getPipelineVersion() == 1));

        simulation.pipelineExecutor().orElseThrow().apply(PipelineSynthesisCommand.newBuilder().setCommandId("c")
                .setIssuedAt(simulation.now()).setServiceId(service).setOperation(StageOperation.ADD_STAGE)
                .setStageType("scaling").setStageName("scale-out").setPipelineVersion(2).setParentVersion(1)
                .setStageDefinition("{}").setDecision(Decision.newBuilder().setMadeBy("test").setVersion("1").build())
                .build());
        RecordingEventSink after = new RecordingEventSink();
        simulation.runFor(Duration.ofMinutes(30), after);
        List<PipelineRunFinished> later = runs(after, service);
        assertTrue(later.stream().allMatch(r -> r.getPipelineVersion() == 2), later.toString());
        assertTrue(later.get(0).getStages().stream().anyMatch(s -> s.getName().equals("scale-out")));
    }

    @Test
    void shouldTakeLongerToTestAServiceThatCallsMoreServices() {
        Simulation simulation = Simulation.builder().seed(5).start(START).services(8).hostsPerService(1)
                .pipelineSynthesis(true).build();
        RecordingEventSink sink = new RecordingEventSink();
        simulation.runFor(Duration.ofHours(2), sink);
        for (ServiceSpec service : simulation.fleet().services()) {
            double expected = 420 + 180 * service.dependsOn().size();
            double mean = meanTestSeconds(runs(sink, service.serviceId()));
            assertTrue(Math.abs(mean - expected) < 0.1 * expected, service + ": " + mean + " s vs " + expected);
        }
    }

    @Test
    void shouldRunTheSuiteInTheShardsATestStageAsksForAndWholeAgainAfterItsRollback() {
        Simulation simulation = simulation(true);
        String service = simulation.fleet().services().get(0).serviceId();
        RecordingEventSink before = new RecordingEventSink();
        simulation.runFor(Duration.ofHours(1), before);
        double whole = meanTestSeconds(runs(before, service));

        simulation.pipelineExecutor().orElseThrow().apply(testStage(simulation, service, StageOperation.ADD_STAGE, 2,
                "{\"name\": \"test\", \"parallelism\": 8}"));
        RecordingEventSink sharded = new RecordingEventSink();
        simulation.runFor(Duration.ofHours(1), sharded);
        double inShards = meanTestSeconds(runs(sharded, service));
        // a harmful stage may slow the shards by 40 %: still well under half of the whole suite
        assertTrue(inShards < 0.5 * whole, inShards + " s in 8 shards vs " + whole + " s whole");

        simulation.pipelineExecutor().orElseThrow().apply(testStage(simulation, service, StageOperation.ROLLBACK, 3,
                "{\"name\": \"test\", \"parallelism\": 8}"));
        RecordingEventSink rolledBack = new RecordingEventSink();
        simulation.runFor(Duration.ofHours(1), rolledBack);
        double again = meanTestSeconds(runs(rolledBack, service));
        assertTrue(Math.abs(again - whole) < 0.15 * whole, again + " s after the rollback vs " + whole + " s");
    }

    private static PipelineSynthesisCommand testStage(Simulation simulation, String service, StageOperation operation,
                                                      int version, String definition) {
        return PipelineSynthesisCommand.newBuilder().setCommandId("c" + version).setIssuedAt(simulation.now())
                .setServiceId(service).setOperation(operation).setStageType("test").setStageName("test")
                .setPipelineVersion(version).setParentVersion(version - 1).setStageDefinition(definition)
                .setDecision(Decision.newBuilder().setMadeBy("test").setVersion("1").build()).build();
    }

    private static double meanTestSeconds(List<PipelineRunFinished> runs) {
        return runs.stream().flatMap(r -> r.getStages().stream()).filter(s -> s.getName().equals("test"))
                .mapToLong(StageResult::getDurationMs).average().orElseThrow() / 1000;
    }

    @Test
    void shouldRaiseRequestRatesDuringRampsOnlyWhenSynthesisIsSimulated() {
        double withRamps = peakRate(simulation(true));
        double without = peakRate(simulation(false));
        assertTrue(withRamps > 1.5 * without, withRamps + " vs " + without);
    }

    private static double peakRate(Simulation simulation) {
        RecordingEventSink sink = new RecordingEventSink();
        simulation.runFor(Duration.ofHours(12), sink);
        return sink.values(Topics.TELEMETRY).stream().mapToDouble(TelemetryEvent::getRequestRate).max().orElse(0);
    }
}
