package dev.foresight.domain.deployment;

import dev.foresight.schema.events.DeploymentEvent;
import dev.foresight.schema.events.HealthCheckEvent;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.internal.GuardianInput;
import dev.foresight.schema.state.HostBaseline;

/** What reaches the guardian through its one repartition topic, keyed by serviceId. */
public sealed interface GuardInput {

    record Deployment(DeploymentEvent event) implements GuardInput {
    }

    /** A host's sample while a deployment runs on it. */
    record Sample(TelemetryEvent event) implements GuardInput {
    }

    /** A host's baseline from before the deployment (its frozenFor), sent once ahead of its first sample. */
    record Baseline(HostBaseline baseline) implements GuardInput {
    }

    record Health(HealthCheckEvent event) implements GuardInput {
    }

    /** One branch of the repartition topic's {@code GuardianInput} union. */
    static GuardInput of(GuardianInput union) {
        Object record = union.getInput();
        if (record instanceof DeploymentEvent event) {
            return new Deployment(event);
        }
        if (record instanceof TelemetryEvent event) {
            return new Sample(event);
        }
        if (record instanceof HostBaseline baseline) {
            return new Baseline(baseline);
        }
        if (record instanceof HealthCheckEvent event) {
            return new Health(event);
        }
        throw new IllegalStateException("GuardianInput has no branch " + record.getClass().getName());
    }
}
