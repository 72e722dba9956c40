package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizingSourceSelectorTest {

    private static final List<String> SOURCES = List.of("requested", "history", "model");

    private final SizingSourceSelector selector = new SizingSourceSelector(SOURCES, new SelectorSettings(4, 1, 0));

    @Test
    void shouldLetTheFirstSourceDecideBeforeAnythingIsKnown() {
        SizingChoice choice = selector.choose("rnaseq", "align", false, new double[] {1, 2, 3});

        assertEquals("requested", choice.source());
        assertEquals("prior", choice.scope());
    }

    @Test
    void shouldLetTheSourceWithTheLowestRecentCostDecideForTheActionType() {
        for (int i = 0; i < 3; i++) {
            selector.learn("rnaseq", "align", true, new double[] {4000, 1100, 900}, 1000, 60_000);
        }

        SizingChoice choice = selector.choose("rnaseq", "align", true, new double[] {1, 2, 3});

        assertEquals("history", choice.source(), "the model's 900 fails against a peak of 1000");
        assertEquals("action type", choice.scope());
        assertEquals(3, choice.samples());
        assertEquals(0.1, choice.meanCost(), 1e-9, "100 MiB over a peak of 1000");
        assertTrue(choice.explanation().contains("history"));
    }

    @Test
    void shouldJudgeANewActionTypeOnHowSourcesDidOnTheWorkflowsOtherNewTypes() {
        selector.learn("rnaseq", "index", false, new double[] {4000, 4000, 1200}, 1000, 1000);
        selector.learn("rnaseq", "align", false, new double[] {8000, 8000, 2500}, 2000, 60_000);

        SizingChoice cold = selector.choose("rnaseq", "report", false, new double[] {1, 2, 3});
        SizingChoice otherWorkflow = selector.choose("chipseq", "report", false, new double[] {1, 2, 3});

        assertEquals("model", cold.source());
        assertEquals("cold", cold.scope());
        assertEquals("prior", otherWorkflow.scope());
    }

    @Test
    void shouldForgetCostsOlderThanTheWindow() {
        for (int i = 0; i < 4; i++) {
            selector.learn("wf", "a", true, new double[] {2000, 1000, 3000}, 1000, 10);
        }
        for (int i = 0; i < 4; i++) {
            selector.learn("wf", "a", true, new double[] {2000, 1000, 5000}, 5000, 10);
        }

        assertEquals("model", selector.choose("wf", "a", true, new double[] {1, 2, 3}).source(), "the type grew; only the model kept up");
    }

    @Test
    void shouldShrinkAFewCompletionsOfATypeTowardsHowSourcesDidOnTheWorkflowsOtherTypes() {
        assertEquals("history", selector(8).choose("wf", "new", true, new double[] {1, 2, 3}).source(),
                "one lucky completion of the model does not outweigh its record on the other type");
        assertEquals("model", selector(0).choose("wf", "new", true, new double[] {1, 2, 3}).source(), "without shrinking it does");
    }

    /** The model alternates between exact and failing on one type; on a second type it was exact once. */
    private static SizingSourceSelector selector(double priorWeight) {
        SizingSourceSelector plain = new SizingSourceSelector(SOURCES, new SelectorSettings(4, 1, priorWeight));
        for (int i = 0; i < 4; i++) {
            plain.learn("wf", "steady", true, new double[] {4000, 1100, 1000}, 1000, 10);
            plain.learn("wf", "steady", true, new double[] {4000, 1100, 500}, 1000, 10);
        }
        plain.learn("wf", "new", true, new double[] {4000, 1100, 1000}, 1000, 10);
        return plain;
    }

    @Test
    void shouldCalibrateEachSourceToCoverItsRecentPeaksBeforeTheyCompete() {
        SizingSourceSelector calibrating = new SizingSourceSelector(SOURCES, new SelectorSettings(8, 0, 0, 1.0));
        for (double noise : new double[] {1.5, 1.0, 2.0, 1.2, 1.5, 1.0, 2.0, 1.2}) {
            calibrating.learn("wf", "a", true, new double[] {8000, 500, 1000 * noise}, 1000, 10);
        }

        SizingChoice choice = calibrating.choose("wf", "a", true, new double[] {8000, 600, 1800});

        assertEquals("history", choice.source(), "always half the peak: doubled, it is exact; the model stays noisy");
        assertEquals(2.0, choice.factor(), 1e-9);
        assertEquals(1200, choice.allocationMb(), 1e-9);
    }

    @Test
    void shouldRefuseProposalsThatDoNotMatchTheSources() {
        assertThrows(IllegalArgumentException.class,
                () -> selector.learn("wf", "a", true, new double[] {1, 2}, 1, 1));
    }
}
