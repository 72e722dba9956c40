package dev.foresight.evaluate.deployment;

import dev.foresight.schema.commands.AllocationAction;
import java.time.Instant;

/** One allocation command the guardian issued during a deployment. */
public record AllocationObservation(String deploymentId, AllocationAction action, Instant at) {
}
