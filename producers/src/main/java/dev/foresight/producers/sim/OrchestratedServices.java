package dev.foresight.producers.sim;

import dev.foresight.schema.events.ServiceDefinition;
import dev.foresight.schema.events.ServiceTopologyEvent;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The topology the orchestration simulator runs, as the edits it publishes (the caller loads them, e.g.
 * from the shipped YAML). Its faults go to fixed roles: the first service that depends on nothing is the
 * root whose outage cascades, {@code flapping} flaps, {@code blueGreen} gets green versions.
 */
public record OrchestratedServices(String environment, List<ServiceTopologyEvent> edits, String flapping,
                                   String blueGreen) {

    public OrchestratedServices {
        edits = List.copyOf(edits);
    }

    List<ServiceDefinition> services() {
        return edits.stream().filter(e -> e.getPayload() instanceof ServiceDefinition)
                .map(e -> (ServiceDefinition) e.getPayload()).toList();
    }

    ServiceDefinition service(String serviceId) {
        return services().stream().filter(s -> s.getServiceId().equals(serviceId)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no service " + serviceId + " in the simulated topology"));
    }

    ServiceDefinition rootService() {
        return services().stream().filter(s -> s.getDependsOn().isEmpty()).findFirst()
                .orElseThrow(() -> new NoSuchElementException("the simulated topology has no service without dependencies"));
    }

    ServiceDefinition flappingService() {
        return service(flapping);
    }

    ServiceDefinition blueGreenService() {
        return service(blueGreen);
    }
}
