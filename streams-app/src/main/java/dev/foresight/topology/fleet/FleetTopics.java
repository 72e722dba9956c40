package dev.foresight.topology.fleet;

import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.DemandReport;
import dev.foresight.topics.Topic;

/** The topics fleet demand writes. */
public record FleetTopics(Topic<String, DemandReport> reports, Topic<String, AllocationCommand> allocations) {
}
