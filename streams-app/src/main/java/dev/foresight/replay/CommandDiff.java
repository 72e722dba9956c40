package dev.foresight.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Compares the commands of a live run with a replay's over the same span, topic by topic. Within one identity
 * (topic, key, type) a replayed command equal to a live one, ids aside, matches it wherever it sits; the rest
 * pair up in order as changed, and what is left over was issued by one run only.
 */
public final class CommandDiff {

    /** How deep {@code changed} names the fields that differ: {@code decision.thresholds.headroom}, not deeper. */
    private static final int FIELD_DEPTH = 3;

    private final int examplesPerTopic;

    /** @param examplesPerTopic how many differences each topic lists; all are counted */
    public CommandDiff(int examplesPerTopic) {
        this.examplesPerTopic = examplesPerTopic;
    }

    /** One entry per topic of {@code topics}, in that order, each with its counts. */
    public List<TopicDiff> compare(List<String> topics, List<ComparedCommand> originals,
                                   List<ComparedCommand> replayed) {
        return topics.stream().map(topic -> topic(topic, onTopic(originals, topic), onTopic(replayed, topic))).toList();
    }

    private TopicDiff topic(String topic, Map<Identity, List<ComparedCommand>> originals,
                            Map<Identity, List<ComparedCommand>> replayed) {
        Tally tally = new Tally(examplesPerTopic);
        for (Map.Entry<Identity, List<ComparedCommand>> original : originals.entrySet()) {
            pairUp(original.getValue(), replayed.getOrDefault(original.getKey(), new ArrayList<>()), tally);
        }
        replayed.entrySet().stream().filter(e -> !originals.containsKey(e.getKey()))
                .forEach(e -> e.getValue().forEach(tally::onlyReplay));
        return new TopicDiff(topic, tally.matched, tally.changed, tally.onlyOriginal, tally.onlyReplay,
                List.copyOf(tally.examples));
    }

    /** Consumes both lists: equal ones match first, the rest pair in order, the remainder is one-sided. */
    private static void pairUp(List<ComparedCommand> originals, List<ComparedCommand> replayed, Tally tally) {
        List<ComparedCommand> unmatched = new ArrayList<>();
        for (ComparedCommand original : originals) {
            if (removeEqual(replayed, original)) {
                tally.matched++;
            } else {
                unmatched.add(original);
            }
        }
        Iterator<ComparedCommand> replay = replayed.iterator();
        for (ComparedCommand original : unmatched) {
            if (replay.hasNext()) {
                tally.changed(original, replay.next());
            } else {
                tally.onlyOriginal(original);
            }
        }
        replay.forEachRemaining(tally::onlyReplay);
    }

    private static boolean removeEqual(List<ComparedCommand> candidates, ComparedCommand original) {
        JsonNode content = withoutId(original);
        for (Iterator<ComparedCommand> it = candidates.iterator(); it.hasNext();) {
            if (withoutId(it.next()).equals(content)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private static JsonNode withoutId(ComparedCommand command) {
        if (command.idField() == null || !(command.content() instanceof ObjectNode object)) {
            return command.content();
        }
        ObjectNode copy = object.deepCopy();
        copy.remove(command.idField());
        return copy;
    }

    /** The dotted names of the fields whose values differ, down to {@link #FIELD_DEPTH}. */
    static List<String> changedFields(JsonNode original, JsonNode replayed) {
        TreeSet<String> fields = new TreeSet<>();
        collect("", original, replayed, 1, fields);
        return List.copyOf(fields);
    }

    private static void collect(String prefix, JsonNode a, JsonNode b, int depth, TreeSet<String> out) {
        TreeSet<String> names = new TreeSet<>();
        a.fieldNames().forEachRemaining(names::add);
        b.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode left = a.get(name);
            JsonNode right = b.get(name);
            if (Objects.equals(left, right)) {
                continue;
            }
            if (depth < FIELD_DEPTH && left != null && right != null && left.isObject() && right.isObject()) {
                collect(prefix + name + ".", left, right, depth + 1, out);
            } else {
                out.add(prefix + name);
            }
        }
    }

    private static Map<Identity, List<ComparedCommand>> onTopic(List<ComparedCommand> commands, String topic) {
        Map<Identity, List<ComparedCommand>> byIdentity = new LinkedHashMap<>();
        commands.stream().filter(c -> c.topic().equals(topic)).forEach(c -> byIdentity
                .computeIfAbsent(new Identity(c.key(), c.type()), k -> new ArrayList<>()).add(c));
        return byIdentity;
    }

    private record Identity(String key, String type) {
    }

    /** The counts of one topic and its first differences. */
    private static final class Tally {

        private final int limit;
        private final List<Difference> examples = new ArrayList<>();
        private int matched;
        private int changed;
        private int onlyOriginal;
        private int onlyReplay;

        Tally(int limit) {
            this.limit = limit;
        }

        void changed(ComparedCommand original, ComparedCommand replayed) {
            changed++;
            List<String> fields = changedFields(withoutId(original), withoutId(replayed));
            example(new Difference(Difference.CHANGED, original.key(), original.type(), original.id(), replayed.id(),
                    fields));
        }

        void onlyOriginal(ComparedCommand original) {
            onlyOriginal++;
            example(new Difference(Difference.ONLY_ORIGINAL, original.key(), original.type(), original.id(), null,
                    List.of()));
        }

        void onlyReplay(ComparedCommand replayed) {
            onlyReplay++;
            example(new Difference(Difference.ONLY_REPLAY, replayed.key(), replayed.type(), null, replayed.id(),
                    List.of()));
        }

        private void example(Difference difference) {
            if (examples.size() < limit) {
                examples.add(difference);
            }
        }
    }
}
