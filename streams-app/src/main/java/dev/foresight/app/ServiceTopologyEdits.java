package dev.foresight.app;

import dev.foresight.domain.orchestration.Backoff;
import dev.foresight.domain.orchestration.EnvironmentPolicy;
import dev.foresight.domain.orchestration.ServiceCatalog;
import dev.foresight.domain.orchestration.ServiceNode;
import dev.foresight.domain.orchestration.ServiceTopologyFile;
import dev.foresight.producers.sim.OrchestratedServices;
import dev.foresight.schema.events.EnvironmentDefinition;
import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A loaded service topology as the edits that put it on {@code service.topology.v1}. */
public final class ServiceTopologyEdits {

    static final String EXAMPLE = "/orchestration/services.yaml";

    private ServiceTopologyEdits() {
    }

    /** The seed's five services, shipped in the jar. */
    public static ServiceCatalog example() {
        try (InputStream in = ServiceTopologyEdits.class.getResourceAsStream(EXAMPLE)) {
            return ServiceTopologyFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code run} simulates: the example in staging, bot flapping, frontend deployed blue-green. */
    public static OrchestratedServices simulated() {
        return new OrchestratedServices("staging", edits(example(), "staging", Instant.EPOCH), "bot", "frontend");
    }

    /** The environment's settings first, then one definition per service. */
    public static List<ServiceTopologyEvent> edits(ServiceCatalog catalog, String environment, Instant at) {
        List<ServiceTopologyEvent> edits = new ArrayList<>();
        EnvironmentPolicy policy = catalog.environments().getOrDefault(environment, EnvironmentPolicy.defaults());
        edits.add(edit(environment, at, definition(policy)));
        for (ServiceNode node : catalog.services()) {
            edits.add(edit(environment, at, ServiceDefinition.newBuilder().setServiceId(node.id()).setPort(node.port())
                    .setDependsOn(node.dependsOn()).setHealthEndpoint(node.healthEndpoint()).build()));
        }
        return edits;
    }

    private static ServiceTopologyEvent edit(String environment, Instant at, Object payload) {
        String basis = environment + payload;
        return ServiceTopologyEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(basis.getBytes(StandardCharsets.UTF_8)).toString())
                .setTimestamp(at).setEnvironment(environment).setPayload(payload).build();
    }

    private static EnvironmentDefinition definition(EnvironmentPolicy p) {
        Backoff b = p.recovery().backoff();
        return EnvironmentDefinition.newBuilder().setSlaTarget(p.slaTarget()).setHealthWeights(p.weights().asMap())
                .setRestartBaseDelayMs(b.base().toMillis()).setRestartMaxDelayMs(b.cap().toMillis())
                .setRestartMaxAttempts(b.maxAttempts()).setBreakerFailureRate(p.breaker().failureRate())
                .setBreakerOpenMs(p.breaker().openFor().toMillis()).setGreenHealthyChecks(p.greenHealthyChecks())
                .setRevertWindowMs(p.revertWindow().toMillis()).build();
    }
}
