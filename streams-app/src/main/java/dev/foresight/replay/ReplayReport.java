package dev.foresight.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code foresight replay --from} found: which replay ran over which span, and per command topic how its
 * commands compare with the live ones. Times are ISO-8601 text.
 *
 * @param replayId       the replay's application id, the prefix of every topic it wrote
 * @param from           the span starts here: each input partition was read from its first record at or after it
 * @param until          the newest record on the inputs when the replay started; the span ends there
 * @param inputRecords   records replayed, by input topic
 * @param kept           whether the replay's topics and state were kept ({@code --keep}) or deleted
 * @param topics         one entry per command topic
 */
public record ReplayReport(String replayId, String from, String until, Map<String, Long> inputRecords, boolean kept,
                           List<TopicDiff> topics) {

    @JsonProperty("identical")
    public boolean identical() {
        return topics.stream().allMatch(TopicDiff::identical);
    }
}
