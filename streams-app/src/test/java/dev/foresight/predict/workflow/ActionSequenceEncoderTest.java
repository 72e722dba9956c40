package dev.foresight.predict.workflow;

import static dev.foresight.predict.workflow.SyntheticWorkflows.action;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionSequenceEncoderTest {

    private final LstmSettings settings = LstmSettings.defaults();
    private final ActionSequenceEncoder encoder = new ActionSequenceEncoder(settings);

    @Test
    void shouldOpenAShortHistoryWithAWorkflowStartStep() {
        ActionSequence sequence = encoder.encode(List.of(action("fetch", 100)), "align");

        assertEquals(2, sequence.steps());
        assertEquals(settings.typeBuckets(), sequence.ownBucket()[0]);
        assertEquals(sequence.ownBucket()[1], sequence.nextBucket()[0], "the start step announces the first action");
        assertNull(sequence.labelLog());
    }

    @Test
    void shouldReadOnlyTheLastWindowOfALongHistory() {
        List<ActionObservation> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            history.add(action("fetch", i));
        }

        ActionSequence sequence = encoder.encode(history, "fetch");

        assertEquals(settings.window(), sequence.steps());
        assertEquals(Math.log1p(29), sequence.ownLog()[(sequence.steps() - 1) * 5 + ActionSequenceEncoder.MEMORY], 1e-6);
    }

    @Test
    void shouldLabelEveryStepWithTheResourcesOfTheActionAfterIt() {
        List<ActionObservation> history = List.of(action("fetch", 100), action("align", 300));

        ActionSequence example = encoder.encode(history, action("sort", 700));

        assertEquals(Math.log1p(100), example.labelLog()[ActionSequenceEncoder.MEMORY], 1e-6);
        assertEquals(Math.log1p(300), example.labelLog()[5 + ActionSequenceEncoder.MEMORY], 1e-6);
        assertEquals(Math.log1p(700), example.actualMemoryLog(), 1e-6);
    }

    @Test
    void shouldDescribeTheNextTypeByItsLatestEarlierActions() {
        List<ActionObservation> history = List.of(
                action("sort", 100), action("fetch", 5), action("sort", 300), action("fetch", 7));

        ActionSequence sequence = encoder.encode(history, "sort");

        int last = sequence.steps() - 1;
        assertEquals(1, sequence.contextSeen()[last]);
        assertEquals((Math.log1p(100) + Math.log1p(300)) / 2,
                sequence.contextLog()[last * 5 + ActionSequenceEncoder.MEMORY], 1e-6);
        assertEquals(0, encoder.encode(history, "report").contextSeen()[last], "no earlier report");
    }

    @Test
    void shouldSetOneOwnAndOneNextTypeRowPerStep() {
        ActionSequence sequence = encoder.encode(List.of(action("fetch", 100)), "align");

        int[][] hot = encoder.hotRows(sequence);

        assertArrayEquals(new int[] {encoder.ownIndex(settings.typeBuckets()), encoder.nextIndex(sequence.nextBucket()[0])},
                hot[0]);
        assertEquals(encoder.inputSize() - 1, encoder.nextIndex(settings.typeBuckets() - 1));
    }
}
