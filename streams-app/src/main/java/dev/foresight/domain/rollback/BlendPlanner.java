package dev.foresight.domain.rollback;

import dev.foresight.schema.commands.BlendDecision;
import dev.foresight.schema.commands.BlendVerdict;
import dev.foresight.schema.common.DbChangeKind;
import dev.foresight.schema.common.DeployedResource;
import dev.foresight.schema.common.ResourceKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for every resource a failed attempt applied, whether the restored version keeps it, reverts
 * it, or cannot safely do either (CONFLICT: a person decides, the resource is quarantined). Judged from
 * the resource's compatibility metadata, never from its name.
 */
public final class BlendPlanner {

    /** Version of these rules, in the decisions that apply them. */
    public static final String VERSION = "blend-v1";

    /** Attribute a feature flag kept by a rollback carries, switched off. */
    public static final String FLAG_ENABLED = "enabled";

    public List<BlendDecision> plan(List<DeployedResource> applied, RestoreTarget target) {
        boolean dataMigrated = applied.stream().anyMatch(r -> r.getKind() == ResourceKind.DATA_MIGRATION);
        return applied.stream().map(resource -> judge(resource, target, dataMigrated)).toList();
    }

    private BlendDecision judge(DeployedResource resource, RestoreTarget target, boolean dataMigrated) {
        return switch (resource.getKind()) {
            case AVRO_SCHEMA -> avroSchema(resource);
            case DB_SCHEMA -> dbSchema(resource, dataMigrated);
            case CONFIG_KEY -> configKey(resource, target);
            case DATA_MIGRATION -> dataMigration(resource, target);
            case ARTIFACT -> artifact(resource, target);
            case FEATURE_FLAG -> featureFlag(resource);
            case OTHER -> decision(resource, BlendVerdict.CONFLICT, "unknown kind of resource: cannot judge it");
        };
    }

    /**
     * Records the new version wrote stay written even if the schema goes: so an incompatible schema is a
     * conflict (those records need converting or quarantining), not a revert.
     */
    private BlendDecision avroSchema(DeployedResource resource) {
        if (resource.getAvroSchema() == null || resource.getPreviousAvroSchema() == null) {
            return decision(resource, BlendVerdict.CONFLICT, "schema or previous schema missing: cannot check");
        }
        AvroCompatibility.Result result =
                AvroCompatibility.canRead(resource.getPreviousAvroSchema(), resource.getAvroSchema());
        return result.compatible()
                ? decision(resource, BlendVerdict.KEEP, "restored version's reader schema reads what the new schema wrote")
                : decision(resource, BlendVerdict.CONFLICT,
                        "restored version cannot read data written with the new schema: "
                                + String.join("; ", result.problems()));
    }

    private BlendDecision dbSchema(DeployedResource resource, boolean dataMigrated) {
        if (resource.getDbChange() == DbChangeKind.EXPAND) {
            return decision(resource, BlendVerdict.KEEP, "additive (expand) change: the restored version ignores it");
        }
        if (resource.getDbChange() == DbChangeKind.CONTRACT) {
            return dataMigrated
                    ? decision(resource, BlendVerdict.CONFLICT,
                            "destructive (contract) change and data was already migrated: quarantine, restore by hand")
                    : decision(resource, BlendVerdict.REVERT,
                            "destructive (contract) change: the restored version still needs what it removed");
        }
        return decision(resource, BlendVerdict.CONFLICT, "database change of unknown kind: cannot judge it");
    }

    private BlendDecision configKey(DeployedResource resource, RestoreTarget target) {
        if (resource.getConfigKey() == null) {
            return decision(resource, BlendVerdict.CONFLICT, "config resource names no key");
        }
        return target.knownConfigKeys().contains(resource.getConfigKey())
                ? decision(resource, BlendVerdict.KEEP,
                        "version " + target.restoreVersion() + " reads key " + resource.getConfigKey())
                : decision(resource, BlendVerdict.REVERT,
                        "version " + target.restoreVersion() + " does not know key " + resource.getConfigKey());
    }

    /** Migrated data cannot be un-migrated safely: either the restored version runs on it, or it is a conflict. */
    private BlendDecision dataMigration(DeployedResource resource, RestoreTarget target) {
        String min = resource.getMinAppVersion();
        String max = resource.getMaxAppVersion();
        Optional<SemanticVersion> restored = SemanticVersion.parse(target.restoreVersion());
        if (restored.isEmpty() || unparseable(min) || unparseable(max)) {
            return decision(resource, BlendVerdict.CONFLICT, "versions are not semantic versions: cannot compare");
        }
        String range = "[" + (min == null ? "*" : min) + ", " + (max == null ? "*" : max) + "]";
        return restored.get().within(openOrParsed(min), openOrParsed(max))
                ? decision(resource, BlendVerdict.KEEP,
                        "restored version " + target.restoreVersion() + " runs on the migrated data " + range)
                : decision(resource, BlendVerdict.CONFLICT,
                        "restored version " + target.restoreVersion() + " is outside " + range
                                + " of the migrated data: quarantine");
    }

    private BlendDecision artifact(DeployedResource resource, RestoreTarget target) {
        return resource.getVersion().equals(target.failedVersion())
                ? decision(resource, BlendVerdict.REVERT, "artifact of the failed version: the restored version ships its own")
                : decision(resource, BlendVerdict.KEEP, "artifact not built for the failed version " + target.failedVersion());
    }

    /**
     * The flag's definition is kept (its targeting and rollout history serve the next attempt) but it is
     * switched off: the code it gates is not in the restored version, and may be why the attempt failed.
     */
    private BlendDecision featureFlag(DeployedResource resource) {
        Map<String, String> attributes = new HashMap<>(resource.getAttributes());
        attributes.put(FLAG_ENABLED, "false");
        DeployedResource disabled = DeployedResource.newBuilder(resource).setAttributes(attributes).build();
        return decision(disabled, BlendVerdict.KEEP, "flag kept for the next attempt, switched off");
    }

    private static boolean unparseable(String bound) {
        return bound != null && SemanticVersion.parse(bound).isEmpty();
    }

    /** Null for a missing bound, which is open. */
    private static SemanticVersion openOrParsed(String bound) {
        return bound == null ? null : SemanticVersion.parse(bound).orElseThrow();
    }

    private static BlendDecision decision(DeployedResource resource, BlendVerdict verdict, String reason) {
        return new BlendDecision(resource, verdict, reason);
    }
}
