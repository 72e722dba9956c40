package dev.foresight.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandDiffTest {

    private static final String ALLOCATIONS = "allocation.commands.v1";
    private static final String ROLLBACKS = "rollback.commands.v1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CommandDiff diff = new CommandDiff(10);

    @Test
    void shouldMatchCommandsThatDifferOnlyInTheirIds() {
        List<TopicDiff> topics = diff.compare(List.of(ALLOCATIONS),
                List.of(reserve("id-1", "wf/a-1", 512), reserve("id-2", "wf/a-2", 256)),
                List.of(reserve("other-1", "wf/a-1", 512), reserve("other-2", "wf/a-2", 256)));

        assertEquals(new TopicDiff(ALLOCATIONS, 2, 0, 0, 0, List.of()), topics.get(0));
        assertTrue(topics.get(0).identical());
    }

    @Test
    void shouldCallACommandWithTheSameIdentityButOtherValuesChangedAndNameTheFields() {
        TopicDiff topic = diff.compare(List.of(ALLOCATIONS), List.of(reserve("id-1", "wf/a-1", 512)),
                List.of(reserve("id-9", "wf/a-1", 640))).get(0);

        assertEquals(1, topic.changed());
        assertEquals(0, topic.matched());
        assertEquals(new Difference(Difference.CHANGED, "wf/a-1", "RESERVE", "id-1", "id-9",
                List.of("decision.thresholds.headroom", "memoryMb")), topic.differences().get(0));
    }

    @Test
    void shouldCountCommandsOnlyOneRunIssued() {
        TopicDiff topic = diff.compare(List.of(ALLOCATIONS), List.of(reserve("id-1", "wf/a-1", 512)),
                List.of(reserve("id-2", "wf/a-2", 512), command("id-3", "wf/a-1", "RELEASE", 0))).get(0);

        assertEquals(1, topic.onlyOriginal());
        assertEquals(2, topic.onlyReplay());
        assertEquals(0, topic.changed());
        assertEquals(List.of(Difference.ONLY_ORIGINAL, Difference.ONLY_REPLAY, Difference.ONLY_REPLAY),
                topic.differences().stream().map(Difference::kind).toList());
    }

    @Test
    void shouldMatchEqualCommandsOfOneIdentityWhateverTheirOrderAndPairTheRest() {
        List<ComparedCommand> originals = List.of(reserve("o1", "wf/a", 100), reserve("o2", "wf/a", 200),
                reserve("o3", "wf/a", 300));
        List<ComparedCommand> replayed = List.of(reserve("r1", "wf/a", 300), reserve("r2", "wf/a", 100),
                reserve("r3", "wf/a", 250));

        TopicDiff topic = diff.compare(List.of(ALLOCATIONS), originals, replayed).get(0);

        assertEquals(2, topic.matched());
        assertEquals(1, topic.changed());
        assertEquals("o2", topic.differences().get(0).originalId());
        assertEquals("r3", topic.differences().get(0).replayId());
    }

    @Test
    void shouldKeepTopicsApartAndListEveryTopicAskedForEvenWithoutCommands() {
        List<TopicDiff> topics = diff.compare(List.of(ALLOCATIONS, ROLLBACKS),
                List.of(reserve("id-1", "dep-1", 1)), List.of(on(ROLLBACKS, reserve("id-1", "dep-1", 1))));

        assertEquals(List.of(ALLOCATIONS, ROLLBACKS), topics.stream().map(TopicDiff::topic).toList());
        assertEquals(1, topics.get(0).onlyOriginal());
        assertEquals(1, topics.get(1).onlyReplay());
        assertFalse(topics.get(0).identical());
    }

    @Test
    void shouldListNoMoreDifferencesThanAskedButCountThemAll() {
        List<ComparedCommand> replayed = List.of(reserve("a", "k1", 1), reserve("b", "k2", 1),
                reserve("c", "k3", 1));

        TopicDiff topic = new CommandDiff(2).compare(List.of(ALLOCATIONS), List.of(), replayed).get(0);

        assertEquals(3, topic.onlyReplay());
        assertEquals(2, topic.differences().size());
    }

    private static ComparedCommand reserve(String id, String target, double memoryMb) {
        return command(id, target, "RESERVE", memoryMb);
    }

    private static ComparedCommand command(String id, String target, String action, double memoryMb) {
        ObjectNode content = MAPPER.createObjectNode().put("commandId", id).put("action", action)
                .put("target", target).put("memoryMb", memoryMb).put("issuedAt", "2026-12-01T09:00:00Z");
        ObjectNode decision = content.putObject("decision").put("madeBy", "history").put("version", "1");
        decision.putObject("thresholds").put("headroom", memoryMb / 1000);
        return new ComparedCommand(ALLOCATIONS, target, action, id, "commandId", content);
    }

    private static ComparedCommand on(String topic, ComparedCommand command) {
        return new ComparedCommand(topic, command.key(), command.type(), command.id(), command.idField(),
                command.content());
    }
}
