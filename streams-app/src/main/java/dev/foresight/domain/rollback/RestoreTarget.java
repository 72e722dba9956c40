package dev.foresight.domain.rollback;

import java.util.Set;

/**
 * The version a rollback restores, and what that version understands.
 *
 * @param knownConfigKeys config keys the restored version reads
 */
public record RestoreTarget(String failedVersion, String restoreVersion, Set<String> knownConfigKeys) {

    public RestoreTarget {
        knownConfigKeys = Set.copyOf(knownConfigKeys);
    }
}
