package dev.foresight.replay;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How one command topic's records compare between the live run and the replay.
 *
 * @param topic       the catalogue's name of the topic (the replay wrote to a copy of its own)
 * @param differences the first of the differences, in the order the topic holds them
 */
public record TopicDiff(String topic, int matched, int changed, int onlyOriginal, int onlyReplay,
                        List<Difference> differences) {

    @JsonProperty("identical")
    public boolean identical() {
        return changed == 0 && onlyOriginal == 0 && onlyReplay == 0;
    }
}
