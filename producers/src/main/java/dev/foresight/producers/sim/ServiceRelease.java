package dev.foresight.producers.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.avro.Schema;

/** What the released version of a service has accumulated: config keys, event schema, migration counters. */
final class ServiceRelease {

    private static final List<String> INITIAL_CONFIG_KEYS =
            List.of("http.timeout.ms", "db.pool.size", "cache.ttl.seconds", "log.level");

    private final String serviceId;
    private final SortedSet<String> configKeys = new TreeSet<>(INITIAL_CONFIG_KEYS);
    private Schema avroSchema;
    private int revision;

    ServiceRelease(String serviceId) {
        this.serviceId = serviceId;
        this.avroSchema = AvroSchemaEvolution.initial(serviceId);
    }

    String serviceId() {
        return serviceId;
    }

    List<String> configKeys() {
        return new ArrayList<>(configKeys);
    }

    Schema avroSchema() {
        return avroSchema;
    }

    /** A number that grows with every planned change, for unique migration and column names. */
    int nextRevision() {
        return ++revision;
    }

    /** Makes a successful deployment's changes the new baseline. */
    void adopt(ResourcePlan plan) {
        configKeys.addAll(plan.newConfigKeys());
        if (plan.newAvroSchema() != null) {
            avroSchema = plan.newAvroSchema();
        }
    }
}
