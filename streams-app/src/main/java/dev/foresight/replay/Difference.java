package dev.foresight.replay;

import java.util.List;

/**
 * One command the two runs disagree on.
 *
 * @param kind       {@code changed}, {@code onlyOriginal} or {@code onlyReplay}
 * @param originalId the live command's id; null for {@code onlyReplay}
 * @param replayId   the replayed command's id; null for {@code onlyOriginal}
 * @param fields     for {@code changed}, the fields whose values differ ({@code decision.thresholds.headroom}); else empty
 */
public record Difference(String kind, String key, String type, String originalId, String replayId,
                         List<String> fields) {

    public static final String CHANGED = "changed";
    public static final String ONLY_ORIGINAL = "onlyOriginal";
    public static final String ONLY_REPLAY = "onlyReplay";
}
