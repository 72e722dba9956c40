package dev.foresight.producers.sim;

import dev.foresight.schema.common.DeployedResource;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * The resources one deployment applies, and what the service keeps if it succeeds.
 *
 * @param newAvroSchema null when the deployment does not change the event schema
 */
record ResourcePlan(List<DeployedResource> resources, Set<String> newConfigKeys, Schema newAvroSchema) {
}
