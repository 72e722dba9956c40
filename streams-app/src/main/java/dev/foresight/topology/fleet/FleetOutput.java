package dev.foresight.topology.fleet;

import dev.foresight.schema.commands.AllocationCommand;
import dev.foresight.schema.commands.DemandReport;

/** What the demand processor forwards: a report for analysts or a command for executors. */
sealed interface FleetOutput {

    record Report(DemandReport report) implements FleetOutput {
    }

    record Command(AllocationCommand command) implements FleetOutput {
    }
}
