package dev.foresight.topology.deployment;

import static dev.foresight.topology.deployment.GuardianScenario.DEPLOYMENT;
import static dev.foresight.topology.deployment.GuardianScenario.FROM;
import static dev.foresight.topology.deployment.GuardianScenario.HOST;
import static dev.foresight.topology.deployment.GuardianScenario.OTHER_HOST;
import static dev.foresight.topology.deployment.GuardianScenario.SERVICE;
import static dev.foresight.topology.deployment.GuardianScenario.TO;
import static dev.foresight.topology.deployment.GuardianScenario.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.domain.deployment.DeploymentSettings;
import dev.foresight.domain.deployment.GuardInput;
import dev.foresight.domain.deployment.GuardOutput;
import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.common.DbChangeKind;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.DeploymentFailed;
import dev.foresight.schema.events.DeploymentStarted;
import dev.foresight.schema.events.HostStepCompleted;
import dev.foresight.schema.events.ResourceApplied;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.serde.AvroSerdes;
import dev.foresight.topology.Events;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restarted or moved task gets a new processor and a new model over stores Kafka restored from their
 * changelogs. Here the stores outlive the processor the same way. (TopologyTestDriver cannot show this:
 * closing it deletes its state directory.)
 */
class GuardProcessorRestartTest {

    private final MockProcessorContext<String, GuardOutput> context = new MockProcessorContext<>();

    @BeforeEach
    void setUp() {
        AvroSerdes serdes = AvroSerdes.bundled();
        addStore(DeploymentGuardian.STATE_STORE, serdes.valueSerde());
        addStore(DeploymentGuardian.HOST_STORE, serdes.valueSerde());
        addStore(DeploymentGuardian.MODEL_STORE, Serdes.ByteArray());
        addStore(DeploymentGuardian.VALIDATION_STORE, Serdes.String());
    }

    private <V> void addStore(String name, Serde<V> valueSerde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), valueSerde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Test
    void shouldResumeDeploymentStateAndModelFromItsStoresAfterRestart() {
        GuardProcessor before = processor(new ErrorRateIsRisk());
        deployment(before, at(0, 0), DeploymentStarted.newBuilder().setFromVersion(FROM).setToVersion(TO)
                .setHosts(List.of(HOST, OTHER_HOST)).build());
        deployment(before, at(0, 5), new ResourceApplied(DeployedResource.newBuilder().setResourceId("db/V3")
                .setKind(ResourceKind.DB_SCHEMA).setVersion(TO).setDbChange(DbChangeKind.EXPAND)
                .setAttributes(Map.of()).build(), true, ""));
        sample(before, at(0, 10), 0.4);
        sample(before, at(1, 0), 0.4);
        deployment(before, at(1, 10), new HostStepCompleted(HOST, 1, false, "verification failed"));

        ErrorRateIsRisk restartedModel = new ErrorRateIsRisk();
        GuardProcessor after = processor(restartedModel);
        assertEquals(1, restartedModel.updates(), "the model resumes from its checkpoint");
        context.resetForwards();
        deployment(after, at(2, 0), new DeploymentFailed("crash loop", OTHER_HOST));

        GuardOutput.Rollback rollback = (GuardOutput.Rollback) context.forwarded().get(0).record().value();
        List<BlendDecision> blend = rollback.command().getBlend();
        assertEquals(List.of("db/V3"), blend.stream().map(d -> d.getResource().getResourceId()).toList());
        assertEquals(BlendVerdict.KEEP, blend.get(0).getVerdict());
    }

    private GuardProcessor processor(ErrorRateIsRisk model) {
        GuardProcessor processor = new GuardProcessor(DeploymentSettings.defaults(), model);
        processor.init(context);
        return processor;
    }

    private static void deployment(GuardProcessor processor, Instant at, Object payload) {
        DeploymentEvent event = DeploymentEvent.newBuilder().setEventId(at.toString()).setDeploymentId(DEPLOYMENT)
                .setServiceId(SERVICE).setTimestamp(at).setPayload(payload).build();
        processor.process(new Record<>(SERVICE, new GuardInput.Deployment(event), at.toEpochMilli()));
    }

    private static void sample(GuardProcessor processor, Instant at, double errorRate) {
        TelemetryEvent event = Events.telemetry(HOST, SERVICE, at, 0.4).setErrorRate(errorRate)
                .setDeploymentId(DEPLOYMENT).build();
        processor.process(new Record<>(SERVICE, new GuardInput.Sample(event), at.toEpochMilli()));
    }
}
