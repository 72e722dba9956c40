package dev.foresight.topology.orchestration;

import dev.foresight.domain.orchestration.OrchestrationOutput;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.ingest.EventFamilies;
import dev.foresight.schema.commands.OrchestrationAction;
import dev.foresight.schema.commands.OrchestrationCommand;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import dev.foresight.schema.internal.OrchestrationInput;
import dev.foresight.serde.AvroSerdes;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A restarted task gets a new processor over stores restored from their changelogs; here the stores
 * outlive the processor the same way (closing a TopologyTestDriver deletes its state directory).
 */
class OrchestrationProcessorRestartTest {

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private final MockProcessorContext<String, OrchestrationOutput> context = new MockProcessorContext<>();

    @BeforeEach
    void setUp() {
        AvroSerdes serdes = AvroSerdes.bundled();
        addStore(ServiceOrchestration.TOPOLOGY_STORE, serdes.valueSerde());
        addStore(ServiceOrchestration.SERVICE_STORE, serdes.valueSerde());
        addStore(ServiceOrchestration.PLAN_STORE, serdes.valueSerde());
        addStore(ServiceOrchestration.EARLY_CHECKS_STORE, serdes.valueSerde());
    }

    private <V> void addStore(String name, Serde<V> valueSerde) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), valueSerde).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    @Test
    void shouldContinueTheBackoffWhereItStoodAfterARestart() {
        OrchestrationProcessor before = processor();
        define(before, "database");
        for (int t = 0; t <= 25; t += 5) {
            check(before, t);
        }
        assertEquals(List.of(1, 2), restartAttempts());

        OrchestrationProcessor after = processor();
        context.resetForwards();
        for (int t = 30; t <= 40; t += 5) {
            check(after, t);
        }
        assertEquals(List.of(3), restartAttempts(), "the restarted task does not start the backoff over");
    }

    @Test
    void shouldHandleChecksHeldBeforeARestartOnceTheirServiceIsDefined() {
        OrchestrationProcessor before = processor();
        for (int t = 0; t <= 25; t += 5) {
            check(before, t);
        }
        assertEquals(List.of(), restartAttempts(), "database is not defined yet: its checks are held");

        OrchestrationProcessor after = processor();
        define(after, "database");
        List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
        punctuators.get(punctuators.size() - 1).getPunctuator().punctuate(START.plusSeconds(30).toEpochMilli());
        assertEquals(List.of(1, 2), restartAttempts(), "the held checks outlived the processor");
    }

    private List<Integer> restartAttempts() {
        return context.forwarded().stream().map(f -> f.record().value())
                .filter(v -> v instanceof OrchestrationOutput.Command).map(v -> ((OrchestrationOutput.Command) v).command())
                .filter(c -> c.getAction() == OrchestrationAction.RESTART).map(OrchestrationCommand::getAttempt).toList();
    }

    private OrchestrationProcessor processor() {
        OrchestrationProcessor p = new OrchestrationProcessor(
                OrchestrationSettings.defaults());
        p.init(context);
        return p;
    }

    private void define(OrchestrationProcessor p, String serviceId) {
        ServiceTopologyEvent edit = ServiceTopologyEvent.newBuilder().setEventId("e-" + serviceId).setTimestamp(START)
                .setEnvironment("prod").setPayload(ServiceDefinition.newBuilder().setServiceId(serviceId).setPort(5432)
                        .build()).build();
        context.setCurrentSystemTimeMs(START.toEpochMilli());
        p.process(new Record<>(EventFamilies.topologyKey(edit), new OrchestrationInput(edit), START.toEpochMilli()));
    }

    private void check(OrchestrationProcessor p, int second) {
        Instant at = START.plusSeconds(second);
        HealthCheckEvent check = HealthCheckEvent.newBuilder().setEventId("c-" + second).setServiceId("database")
                .setInstanceId("db-1").setTimestamp(at).setHealthy(false).setLatencyMs(900).build();
        context.setCurrentSystemTimeMs(at.toEpochMilli());
        p.process(new Record<>("prod", new OrchestrationInput(check), at.toEpochMilli()));
    }
}
