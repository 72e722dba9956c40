package dev.foresight.deadletter;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * The first frames of each exception in a cause chain, enough to find the failing line without
 * writing a 200-frame trace per bad record.
 */
final class StackTraceHead {

    static final int FRAMES_PER_CAUSE = 8;

    private StackTraceHead() {
    }

    static String of(Throwable error, int maxChars) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            if (t != error) {
                text.append("Caused by: ");
            }
            text.append(t).append('\n');
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES_PER_CAUSE, frames.length); i++) {
                text.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > FRAMES_PER_CAUSE) {
                text.append("\t... ").append(frames.length - FRAMES_PER_CAUSE).append(" more\n");
            }
        }
        return DeadLetters.truncate(text.toString(), maxChars);
    }
}
