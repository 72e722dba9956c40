package dev.foresight.producers.sim;

import dev.foresight.schema.common.DbChangeKind;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * Decides what a deployment changes besides the artifact. Some changes are safe to roll back (expand
 * migrations, optional schema fields, migrations old versions can run on) and some are not, in
 * realistic proportions, so rollback-safety checks have both kinds to judge.
 */
final class ResourcePlanner {

    private static final List<String> CONFIG_KEY_CANDIDATES = List.of("retry.max-attempts",
            "circuit-breaker.failure-threshold", "rate-limit.per-second", "batch.size", "tls.min-version",
            "queue.consumer-threads", "search.index-shards", "payments.provider");
    private static final List<String> FLAGS =
            List.of("new-checkout-flow", "async-writes", "smart-retries", "v2-api", "batch-pricing");
    private static final List<String> TABLES = List.of("orders", "accounts", "items", "events", "sessions");

    private final SimRandom random;

    ResourcePlanner(SimRandom random) {
        this.random = random;
    }

    ResourcePlan plan(ServiceRelease release, String fromVersion, String toVersion) {
        List<DeployedResource> resources = new ArrayList<>();
        resources.add(resource(release.serviceId() + "-image", ResourceKind.ARTIFACT, toVersion,
                Map.of("image", "registry.example.com/" + release.serviceId() + ":" + toVersion)));
        Set<String> newConfigKeys = new TreeSet<>();
        if (random.chance(0.5)) {
            resources.add(configKey(release, toVersion, newConfigKeys));
        }
        if (random.chance(0.3)) {
            resources.add(resource("flag/" + random.pick(FLAGS), ResourceKind.FEATURE_FLAG, toVersion,
                    Map.of("enabled", "true", "rolloutPercent", Integer.toString(random.pick(List.of(5, 25, 50, 100))))));
        }
        if (random.chance(0.35)) {
            resources.add(dbSchema(release));
        }
        Schema newAvroSchema = null;
        if (random.chance(0.35)) {
            int revision = release.nextRevision();
            newAvroSchema = random.chance(0.7)
                    ? AvroSchemaEvolution.addOptionalField(release.avroSchema(), revision)
                    : AvroSchemaEvolution.breakReaders(release.avroSchema(), revision);
            DeployedResource schema = resource(newAvroSchema.getFullName(), ResourceKind.AVRO_SCHEMA, toVersion, Map.of());
            schema.setAvroSchema(newAvroSchema.toString());
            schema.setPreviousAvroSchema(release.avroSchema().toString());
            resources.add(schema);
        }
        if (random.chance(0.25)) {
            resources.add(dataMigration(release, fromVersion, toVersion));
        }
        return new ResourcePlan(resources, newConfigKeys, newAvroSchema);
    }

    /** Either changes a key the running version knows, or introduces one it has never seen. */
    private DeployedResource configKey(ServiceRelease release, String toVersion, Set<String> newConfigKeys) {
        List<String> unknown = CONFIG_KEY_CANDIDATES.stream().filter(key -> !release.configKeys().contains(key)).toList();
        String key;
        if (random.chance(0.6) || unknown.isEmpty()) {
            key = random.pick(release.configKeys());
        } else {
            key = random.pick(unknown);
            newConfigKeys.add(key);
        }
        DeployedResource resource = resource("config/" + key, ResourceKind.CONFIG_KEY, toVersion,
                Map.of("value", Integer.toString(random.intBetween(1, 500))));
        resource.setConfigKey(key);
        return resource;
    }

    private DeployedResource dbSchema(ServiceRelease release) {
        int revision = release.nextRevision();
        String table = random.pick(TABLES);
        boolean expand = random.chance(0.7);
        String statement = expand
                ? "ALTER TABLE " + table + " ADD COLUMN c" + revision + " TEXT NULL"
                : "ALTER TABLE " + table + " DROP COLUMN legacy_" + revision;
        DeployedResource resource = resource(release.serviceId() + "-db/V" + revision, ResourceKind.DB_SCHEMA,
                "V" + revision, Map.of("statement", statement));
        resource.setDbChange(expand ? DbChangeKind.EXPAND : DbChangeKind.CONTRACT);
        return resource;
    }

    /** Safe migrations keep the old version runnable on the migrated data; unsafe ones raise the floor. */
    private DeployedResource dataMigration(ServiceRelease release, String fromVersion, String toVersion) {
        int revision = release.nextRevision();
        DeployedResource resource = resource(release.serviceId() + "-migration-" + revision,
                ResourceKind.DATA_MIGRATION, toVersion, Map.of("rows", Integer.toString(random.intBetween(1_000, 5_000_000))));
        resource.setMinAppVersion(random.chance(0.6) ? fromVersion : toVersion);
        if (random.chance(0.3)) {
            resource.setMaxAppVersion(Versions.nextMajor(toVersion));
        }
        return resource;
    }

    private static DeployedResource resource(String id, ResourceKind kind, String version, Map<String, String> attributes) {
        return DeployedResource.newBuilder()
                .setResourceId(id)
                .setKind(kind)
                .setVersion(version)
                .setAttributes(attributes)
                .build();
    }
}
