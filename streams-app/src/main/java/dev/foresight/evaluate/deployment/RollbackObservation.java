package dev.foresight.evaluate.deployment;

import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.common.ResourceKind;
import java.time.Instant;
import java.util.List;

/** One rollback the guardian ordered, with the verdict on each resource of the failed attempt. */
public record RollbackObservation(String deploymentId, Instant at, List<Blended> blend) {

    public record Blended(ResourceKind kind, BlendVerdict verdict) {
    }

    public RollbackObservation {
        blend = List.copyOf(blend);
    }

    int count(BlendVerdict verdict) {
        return (int) blend.stream().filter(b -> b.verdict() == verdict).count();
    }
}
