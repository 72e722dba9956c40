package dev.foresight.metrics;

import dev.foresight.schema.common.Decision;
import dev.foresight.schema.errors.DeadLetter;
import dev.foresight.serde.RecordObserver;
import dev.foresight.topics.TopicSpec;
import dev.foresight.topics.Topics;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Counts at the serde edge: an event decoded from an input topic, a dead letter and a command about to be
 * written. Repartition and changelog topics pass through the same serdes and are not counted.
 */
public final class RecordMetrics implements RecordObserver {

    /** The field that names a command's type, first match wins; a record without one is typed by its schema. */
    private static final List<String> TYPE_FIELDS = List.of("action", "operation", "kind");

    private final ForesightMetrics metrics;
    private final Set<String> inputs;
    private final Set<String> commands;

    public RecordMetrics(ForesightMetrics metrics, Set<String> inputTopics, Set<String> commandTopics) {
        this.metrics = metrics;
        this.inputs = Set.copyOf(inputTopics);
        this.commands = Set.copyOf(commandTopics);
    }

    /** Inputs and commands of the topic catalogue. */
    public static RecordMetrics ofCatalogue(ForesightMetrics metrics) {
        List<TopicSpec<?>> commandTopics = List.of(Topics.ALLOCATIONS, Topics.PIPELINE_COMMANDS, Topics.ROLLBACKS,
                Topics.ALERTS, Topics.DEMAND_REPORTS, Topics.STARTUP_PLANS, Topics.ORCHESTRATION_COMMANDS,
                Topics.INCIDENTS, Topics.GATE_DECISIONS);
        return new RecordMetrics(metrics, names(Topics.INPUTS), names(commandTopics));
    }

    @Override
    public void read(String topic, SpecificRecord record) {
        if (inputs.contains(topic)) {
            metrics.eventIn(topic);
        }
    }

    @Override
    public void written(String topic, SpecificRecord record) {
        if (record instanceof DeadLetter letter) {
            metrics.deadLetter(letter.getSourceTopic(), letter.getStage(), reasonKind(letter.getReason()));
        } else if (commands.contains(topic)) {
            metrics.command(topic, type(record));
            Schema.Field decision = record.getSchema().getField("decision");
            if (decision != null && record.get(decision.pos()) instanceof Decision d && d.getConfidence() != null) {
                metrics.confidence(d.getMadeBy(), d.getConfidence());
            }
        }
    }

    /**
     * The first word of a reason ({@code late by 1200 ms...} is {@code late}): reasons carry values, and a
     * label per distinct text would grow without bound.
     */
    static String reasonKind(String reason) {
        String word = reason.strip().split("[^\\p{L}-]", 2)[0].toLowerCase(Locale.ROOT);
        return word.isEmpty() ? "other" : word;
    }

    private static String type(SpecificRecord record) {
        Schema schema = record.getSchema();
        for (String name : TYPE_FIELDS) {
            Schema.Field field = schema.getField(name);
            if (field != null && record.get(field.pos()) != null) {
                return record.get(field.pos()).toString();
            }
        }
        return schema.getName();
    }

    private static Set<String> names(List<TopicSpec<?>> topics) {
        return topics.stream().map(TopicSpec::name).collect(Collectors.toSet());
    }
}
