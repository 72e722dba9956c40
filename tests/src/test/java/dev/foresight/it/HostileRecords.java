package dev.foresight.it;

import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import dev.foresight.schema.common.ResourceUsage;
import dev.foresight.schema.events.ActionCompleted;
import dev.foresight.schema.events.ActionStarted;
import dev.foresight.schema.events.BuildFinished;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.events.TestRunFinished;
import dev.foresight.schema.events.WorkflowCompleted;
import dev.foresight.schema.events.WorkflowCreated;
import dev.foresight.schema.events.WorkflowEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.serde.BundledSchemas;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A hostile publisher's traffic: valid events of every input topic interleaved with every kind of bad
 * record, each bad one labelled with (a fragment of) the reason it must be dead-lettered with. Event
 * times lie in the minute before {@code now} and rise with the send order, within a few seconds, so no
 * valid event is late for any window.
 */
final class HostileRecords {

    /** One record to send; {@code reason} is null for a valid one. */
    record Planned(TopicSpec<?> topic, String key, byte[] value, String kind, String reason) {

        boolean valid() {
            return reason == null;
        }
    }

    static final int HOSTS = 16;
    static final int ACTIONS_PER_WORKFLOW = 4;
    private static final String INVALID_DEFAULT = """
            {"type": "record", "name": "Order", "fields": [{"name": "id", "type": "int", "default": "one"}]}""";

    private final Serializer<SpecificRecord> serializer = AvroSerdes.bundled().<SpecificRecord>valueSerde().serializer();
    private final Random random = new Random(42);
    private final Instant t0;
    private final Instant now;
    private long tick;
    private final List<Planned> valid = new ArrayList<>();
    private final List<Planned> bad = new ArrayList<>();
    /** Sent after everything else: they need an earlier record (duplicates) or a newer one (late events). */
    private final List<Planned> tail = new ArrayList<>();

    HostileRecords(Instant now) {
        this.now = now;
        this.t0 = now.minus(Duration.ofSeconds(60));
    }

    /** About {@code total} records, 60 % valid, in a reproducible interleaving. */
    List<Planned> generate(int total) {
        int rounds = Math.max(1, total / 60);
        for (int round = 0; round < rounds; round++) {
            validRound(round);
            badRound(round);
        }
        List<Planned> sent = interleave();
        sent.addAll(tail);
        return sent;
    }

    private void validRound(int round) {
        for (int h = 0; h < HOSTS; h++) {
            valid.add(record(Topics.TELEMETRY, host(h), telemetry(host(h), next(), "t-" + round + "-" + h)));
        }
        String workflowId = "wf-" + round;
        valid.add(record(Topics.WORKFLOWS, workflowId, workflow(workflowId, new WorkflowCreated(ACTIONS_PER_WORKFLOW))));
        for (int a = 0; a < ACTIONS_PER_WORKFLOW; a++) {
            valid.add(record(Topics.WORKFLOWS, workflowId, workflow(workflowId,
                    new ActionStarted("a" + a, "step" + a, usage(1, 256)))));
            valid.add(record(Topics.WORKFLOWS, workflowId, workflow(workflowId,
                    new ActionCompleted("a" + a, "step" + a, true, usage(1, 200)))));
        }
        valid.add(record(Topics.WORKFLOWS, workflowId, workflow(workflowId, new WorkflowCompleted(true))));
        for (int i = 0; i < 4; i++) {
            valid.add(record(Topics.PIPELINES, "svc-" + i, pipeline("svc-" + i,
                    new BuildFinished("b-" + round + "-" + i, 60_000L, true, Map.of()))));
            valid.add(record(Topics.HEALTH, "svc-" + i, health("svc-" + i, 20)));
        }
        String deploymentId = "dep-" + round;
        valid.add(record(Topics.DEPLOYMENTS, deploymentId, deployment(deploymentId, new DeploymentStarted(
                "1.4.0", "1.5.0", List.of(host(0), host(1)), List.of(), List.of(), null))));
        valid.add(record(Topics.DEPLOYMENTS, deploymentId, deployment(deploymentId,
                new ResourceApplied(resource().setKind(ResourceKind.ARTIFACT).build(), true, ""))));
    }

    /**
     * The inputs that have a template here. The fleet and service-topology inputs came later and are covered
     * by their own ingest tests, not yet by this suite.
     */
    private static final List<TopicSpec<?>> ROTATED =
            List.of(Topics.TELEMETRY, Topics.WORKFLOWS, Topics.DEPLOYMENTS, Topics.PIPELINES, Topics.HEALTH);

    /** Every kind of bad record once per round, on a rotating input topic, plus each topic's own absurd values. */
    private void badRound(int round) {
        TopicSpec<?> topic = ROTATED.get(round % ROTATED.size());
        Template template = template(topic, round);
        byte[] ok = template.bytes(UnaryOperator.identity());
        bad("garbage", topic, template.key, "not avro at all".getBytes(StandardCharsets.UTF_8), "undeserializable");
        bad("empty value", topic, template.key, new byte[0], "");
        bad("null value", topic, template.key, null, "value is missing");
        bad("null key", topic, null, ok, "key is missing");
        bad("wrong magic byte", topic, template.key, withByte(ok, 0, (byte) 1), "undeserializable");
        bad("unknown schema id", topic, template.key, withId(ok, 0x7ffffff0), "undeserializable");
        bad("truncated avro", topic, template.key, Arrays.copyOf(ok, ok.length / 2), "");
        bad("trailing bytes", topic, template.key, Arrays.copyOf(ok, ok.length + 2), "2 trailing bytes");
        bad("another topic's type", topic, template.key, otherType(topic), "carries");
        bad("string length of 2e9", topic, template.key, hugeLengthPrefix(topic),
                "String length 2000000000 exceeds");
        bad("oversized payload", topic, template.key, new byte[300 * 1024], "exceeds the limit");
        bad("oversized key", topic, "k".repeat(2000), ok, "key has 2000 characters");
        bad("oversized field", topic, template.key, template.bytes(e -> put(e, "eventId", "e".repeat(2000))),
                "eventId has 2000 characters");
        bad("negative time", topic, template.key, template.bytes(e -> put(e, "timestamp", Instant.ofEpochMilli(-1000))),
                "older than the topic's retention");
        bad("1970", topic, template.key, template.bytes(e -> put(e, "timestamp", Instant.ofEpochSecond(86_400))),
                "older than the topic's retention");
        bad("far future", topic, template.key, template.bytes(e -> put(e, "timestamp", now.plus(Duration.ofHours(1)))),
                "in the future");
        bad("key mismatch", topic, template.key + "-other", ok, "does not match");
        bad("missing event id", topic, template.key, template.bytes(e -> put(e, "eventId", "")), "eventId is missing");
        tail.add(new Planned(topic, template.key, ok, "duplicate", "duplicate of event"));
        valid.add(new Planned(topic, template.key, ok, "original of a duplicate", null));
        absurd(round);
    }

    private void absurd(int round) {
        String h = host(round % HOSTS);
        bad("megabyte string", Topics.TELEMETRY, h, bytes(telemetryWith(h, e -> e.setServiceId("s".repeat(1_000_000)))),
                "exceeds the limit");
        bad("NaN cpu", Topics.TELEMETRY, h, bytes(telemetryWith(h, e -> e.setCpuUtilization(Double.NaN))),
                "cpuUtilization is not a finite number");
        bad("infinite latency", Topics.TELEMETRY, h,
                bytes(telemetryWith(h, e -> e.setLatencyMs(Double.POSITIVE_INFINITY))), "latencyMs is not a finite");
        bad("cpu of 7", Topics.TELEMETRY, h, bytes(telemetryWith(h, e -> e.setCpuUtilization(7))), "outside");
        tail.add(new Planned(Topics.TELEMETRY, h, bytes(TelemetryEvent.newBuilder(telemetry(h, t0.minusSeconds(120),
                "late-" + round)).build()), "late telemetry", "late by"));
        String wf = "wf-bad-" + round;
        bad("negative cores", Topics.WORKFLOWS, wf, bytes(workflow(wf, new ActionStarted("a", "t", usage(-2, 10)))),
                "requested.cpuCores");
        String dep = "dep-bad-" + round;
        bad("version beyond int", Topics.DEPLOYMENTS, dep, bytes(deployment(dep, new ResourceApplied(resource()
                .setKind(ResourceKind.DATA_MIGRATION).setMinAppVersion("1.0.99999999999").build(), true, ""))), "beyond 2147483647");
        bad("invalid schema default", Topics.DEPLOYMENTS, dep, bytes(deployment(dep, new ResourceApplied(resource()
                .setKind(ResourceKind.AVRO_SCHEMA).setAvroSchema(INVALID_DEFAULT).setPreviousAvroSchema(INVALID_DEFAULT)
                .build(), true, ""))), "not a valid Avro schema");
        bad("more failed than run", Topics.PIPELINES, "svc-0",
                bytes(pipeline("svc-0", new TestRunFinished("r", 1000L, 3, 5))), "testsFailed");
        HealthCheckEvent probe = health("svc-1", -5);
        bad("negative latency", Topics.HEALTH, "svc-1", bytes(probe), "latencyMs");
    }

    private List<Planned> interleave() {
        List<Planned> out = new ArrayList<>(valid);
        for (Planned b : bad) {
            out.add(random.nextInt(out.size() + 1), b);
        }
        return out;
    }

    /** A valid event of {@code topic} that the bad variants are made from. */
    private Template template(TopicSpec<?> topic, int round) {
        if (topic == Topics.TELEMETRY) {
            return new Template(host(round % HOSTS), telemetry(host(round % HOSTS), next(), "dup-" + round));
        }
        if (topic == Topics.WORKFLOWS) {
            return new Template("wf-dup-" + round, workflow("wf-dup-" + round, new WorkflowCreated(0)));
        }
        if (topic == Topics.DEPLOYMENTS) {
            return new Template("dep-dup-" + round, deployment("dep-dup-" + round,
                    new ResourceApplied(resource().setKind(ResourceKind.ARTIFACT).build(), true, "")));
        }
        if (topic == Topics.PIPELINES) {
            return new Template("svc-2", pipeline("svc-2", new BuildFinished("dup-" + round, 1000L, true, Map.of())));
        }
        return new Template("svc-3", health("svc-3", 12));
    }

    private final class Template {
        final String key;
        final SpecificRecord event;

        Template(String key, SpecificRecord event) {
            this.key = key;
            this.event = event;
        }

        byte[] bytes(UnaryOperator<SpecificRecord> change) {
            return HostileRecords.this.bytes(change.apply(copy(event)));
        }
    }

    private void bad(String kind, TopicSpec<?> topic, String key, byte[] value, String reason) {
        bad.add(new Planned(topic, key, value, kind, reason));
    }

    private Planned record(TopicSpec<?> topic, String key, SpecificRecord event) {
        return new Planned(topic, key, bytes(event), "valid", null);
    }

    private Instant next() {
        return t0.plusMillis(tick++);
    }

    private static String host(int h) {
        return "host-" + h;
    }

    private TelemetryEvent telemetry(String host, Instant at, String eventId) {
        return TelemetryEvent.newBuilder().setEventId(eventId).setHostId(host).setServiceId("svc-" + host)
                .setTimestamp(at).setCpuUtilization(0.5).setMemoryUtilization(0.4).setNetworkMbps(10).setLatencyMs(20)
                .setRequestRate(100).setErrorRate(0.01).build();
    }

    private TelemetryEvent telemetryWith(String host, UnaryOperator<TelemetryEvent.Builder> change) {
        return change.apply(TelemetryEvent.newBuilder(telemetry(host, next(), "absurd-" + tick))).build();
    }

    private WorkflowEvent workflow(String workflowId, Object payload) {
        return WorkflowEvent.newBuilder().setEventId(workflowId + "-" + tick).setWorkflowId(workflowId)
                .setWorkflowType("etl").setTimestamp(next()).setPayload(payload).build();
    }

    private DeploymentEvent deployment(String deploymentId, Object payload) {
        return DeploymentEvent.newBuilder().setEventId(deploymentId + "-" + tick).setDeploymentId(deploymentId)
                .setServiceId("svc-0").setTimestamp(next()).setPayload(payload).build();
    }

    private PipelineEvent pipeline(String serviceId, Object payload) {
        return PipelineEvent.newBuilder().setEventId(serviceId + "-" + tick).setServiceId(serviceId)
                .setTimestamp(next()).setPayload(payload).build();
    }

    private HealthCheckEvent health(String serviceId, double latencyMs) {
        return HealthCheckEvent.newBuilder().setEventId(serviceId + "-probe-" + tick).setServiceId(serviceId)
                .setInstanceId(serviceId + "-1").setTimestamp(next()).setHealthy(true).setLatencyMs(latencyMs).build();
    }

    private static ResourceUsage usage(double cores, double memoryMb) {
        return new ResourceUsage(cores, memoryMb, 1.0, 0.01, 1000L);
    }

    private static DeployedResource.Builder resource() {
        return DeployedResource.newBuilder().setResourceId("r-1").setVersion("1.5.0").setAttributes(Map.of());
    }

    private static SpecificRecord put(SpecificRecord event, String field, Object value) {
        event.put(event.getSchema().getField(field).pos(), value);
        return event;
    }

    private static SpecificRecord copy(SpecificRecord event) {
        return SpecificData.getForSchema(event.getSchema()).deepCopy(event.getSchema(), event);
    }

    private byte[] otherType(TopicSpec<?> topic) {
        return topic == Topics.TELEMETRY ? bytes(health("svc-x", 1)) : bytes(telemetry("host-x", next(), "x-" + tick));
    }

    private static byte[] hugeLengthPrefix(TopicSpec<?> topic) {
        ByteBuffer value = ByteBuffer.allocate(13).put((byte) 0).putInt(BundledSchemas.idOf(schemaOf(topic)));
        long zigZag = 2_000_000_000L << 1;
        while ((zigZag & ~0x7FL) != 0) {
            value.put((byte) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        value.put((byte) zigZag);
        return value.array();
    }

    private static org.apache.avro.Schema schemaOf(TopicSpec<?> topic) {
        return SpecificData.get().getSchema(topic.valueType());
    }

    private static byte[] withByte(byte[] bytes, int index, byte value) {
        byte[] copy = bytes.clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] withId(byte[] bytes, int id) {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }

    private byte[] bytes(SpecificRecord event) {
        return serializer.serialize("any", event);
    }
}
