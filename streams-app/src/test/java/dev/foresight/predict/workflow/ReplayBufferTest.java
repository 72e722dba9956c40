package dev.foresight.predict.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {

    private final ReplayBuffer buffer = new ReplayBuffer(100, 7);

    @Test
    void shouldBatchNewestUntrainedExamplesFirstThenReplayedOnes() {
        List<ActionSequence> added = addExamples(40);

        List<ActionSequence> batch = buffer.nextBatch(8, 4);

        assertEquals(12, batch.size());
        assertSame(added.get(39), batch.get(0));
        assertSame(added.get(32), batch.get(7));
        assertTrue(added.containsAll(batch.subList(8, 12)));
    }

    @Test
    void shouldCountNothingUntrainedAfterABatch() {
        addExamples(10);
        buffer.nextBatch(4, 4);

        assertEquals(0, buffer.untrained());
        addExamples(3);
        assertEquals(3, buffer.untrained());
    }

    @Test
    void shouldNotReplayWhenEveryStoredExampleIsNew() {
        addExamples(5);

        assertEquals(5, buffer.nextBatch(8, 8).size());
    }

    @Test
    void shouldLeaveUntrainedExamplesBeyondTheBatchToReplay() {
        addExamples(10);
        buffer.nextBatch(4, 0);

        assertEquals(10, buffer.added());
        assertEquals(4, buffer.trainedFresh());
        assertEquals(0, buffer.untrained());
    }

    private List<ActionSequence> addExamples(int count) {
        List<ActionSequence> added = new ArrayList<>();
        ActionSequenceEncoder encoder = new ActionSequenceEncoder(LstmSettings.defaults());
        for (int i = 0; i < count; i++) {
            ActionSequence example = encoder.encode(List.of(), SyntheticWorkflows.action("fetch", i));
            buffer.add(example);
            added.add(example);
        }
        return added;
    }
}
