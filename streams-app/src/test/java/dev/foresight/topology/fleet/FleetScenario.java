package dev.foresight.topology.fleet;

import static dev.foresight.topology.TopologyFixture.START;

import dev.foresight.domain.fleet.FleetSettings;
import dev.foresight.ingest.IngestSettings;
import dev.foresight.ingest.ValidatedInputs;
import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topics.Topics;
import dev.foresight.topology.ForesightTopology;
import dev.foresight.topology.NamedTopologies;
import dev.foresight.topology.TopologyFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;

/**
 * One fleet driven through ingest and the demand posture with explicit event times. Requests are spread
 * evenly over the segments they are sent for; the wall clock follows event time so ingest does not take
 * test events for future ones.
 */
final class FleetScenario implements AutoCloseable {

    static final String FLEET = "fleet-a";

    private final TopologyFixture fixture;
    final TestOutputTopic<String, DemandReport> reports;
    final TestOutputTopic<String, AllocationCommand> allocations;
    final TestOutputTopic<String, DeadLetter> deadLetters;
    private final TestInputTopic<String, RequestMetricEvent> requests;
    private final TestInputTopic<String, FleetHeartbeatEvent> heartbeats;
    private Instant wallClock = START;
    private int sequence;

    FleetScenario(Path stateDir, FleetSettings settings) {
        fixture = new TopologyFixture(topology(settings), stateDir);
        reports = fixture.output(Topics.DEMAND_REPORTS);
        allocations = fixture.output(Topics.ALLOCATIONS);
        deadLetters = fixture.output(Topics.DEAD_LETTERS);
        requests = fixture.input(Topics.FLEET_REQUESTS);
        heartbeats = fixture.input(Topics.FLEET_HEARTBEATS);
    }

    /** Five-minute windows and reports, no grace: report k covers minutes [5(k-1), 5k) against the five before. */
    static FleetSettings fiveMinuteWindows() {
        return FleetSettings.defaults().withWindows(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(1)).withGrace(Duration.ZERO);
    }

    static Topology topology(FleetSettings settings) {
        StreamsBuilder builder = NamedTopologies.builder();
        AvroSerdes serdes = AvroSerdes.bundled();
        ValidatedInputs inputs = ForesightTopology.ingest(builder, serdes, IngestSettings.defaults());
        new FleetDemand(serdes, settings, ForesightTopology.fleetTopics(serdes))
                .build(inputs.fleetRequests(), inputs.fleetHeartbeats());
        return builder.build();
    }

    static Instant minute(double minutes) {
        return START.plusMillis((long) (minutes * 60_000));
    }

    /** {@code count} requests of {@code caller} spread evenly over minutes {@code [from, to)}. */
    void requests(String caller, double from, double to, int count, long tokens, int failures) {
        double step = (to - from) / count;
        for (int i = 0; i < count; i++) {
            request(caller, minute(from + i * step), tokens, i >= count - failures);
        }
    }

    void request(String caller, Instant at, long tokens, boolean failed) {
        send(requests, at, RequestMetricEvent.newBuilder()
                .setEventId("r-" + sequence++).setFleetId(FLEET).setCaller(caller).setModel("m")
                .setTimestamp(at).setPromptTokens(tokens / 2).setCompletionTokens(tokens - tokens / 2)
                .setLatencyMs(200).setSuccess(!failed).build());
    }

    void heartbeat(Instant at, boolean forgeUp, boolean inferenceUp) {
        send(heartbeats, at, FleetHeartbeatEvent.newBuilder().setEventId("h-" + sequence++).setFleetId(FLEET)
                .setTimestamp(at).setForgeAvailable(forgeUp).setInferenceHealthy(inferenceUp).build());
    }

    /** A healthy heartbeat at {@code minutes}: it passes the report times before it. */
    void tick(double minutes) {
        heartbeat(minute(minutes), true, true);
    }

    <V extends org.apache.avro.specific.SpecificRecord> void send(TestInputTopic<String, V> topic, Instant at, V value) {
        if (at.isAfter(wallClock)) {
            fixture.driver().advanceWallClockTime(Duration.between(wallClock, at));
            wallClock = at;
        }
        topic.pipeInput(FLEET, value, at);
    }

    void sendRaw(byte[] value) {
        fixture.rawInput(Topics.FLEET_REQUESTS).pipeInput(FLEET, value, wallClock);
    }

    List<DemandReport> allReports() {
        return reports.readValuesToList();
    }

    /** The report whose recent window ends at {@code minutes}. */
    DemandReport reportAt(double minutes) {
        Instant end = minute(minutes);
        return allReports().stream().filter(r -> r.getIssuedAt().equals(end)).findFirst()
                .orElseThrow(() -> new AssertionError("no report ending at minute " + minutes));
    }

    @Override
    public void close() {
        fixture.close();
    }
}
