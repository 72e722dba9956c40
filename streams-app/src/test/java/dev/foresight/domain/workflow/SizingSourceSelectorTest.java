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
    void shouldWeighActionsByTheMemoryTheyUsedSoALargeFailureIsNotOutvotedBySmallExactOnes() {
        SizingSourceSelector weighing = new SizingSourceSelector(SOURCES, new SelectorSettings(16, 0, 0));
        for (int i = 0; i < 3; i++) {
            weighing.learn("wf", "a", true, new double[] {8000, 120, 100}, 100, 10);
        }
        weighing.learn("wf", "a", true, new double[] {80_000, 12_000, 5000}, 10_000, 1000);

        SizingChoice choice = weighing.choose("wf", "a", true, new double[] {1, 2, 3});

        assertEquals("history", choice.source(), "the model was exact three times, but its one failure wasted more"
                + " than history's headroom on all four");
        assertEquals((3 * 20 * 10 + 2000 * 1000.0) / (3 * 100 * 10 + 10_000 * 1000.0), choice.meanCost(), 1e-12);
    }

    @Test
    void shouldJudgeATypeNewToARunOnHowSourcesDidWhenItWasNewBefore() {
        SizingSourceSelector pooled = new SizingSourceSelector(SOURCES, new SelectorSettings(16, 0, 0));
        pooled.learn("wf", "align", false, new double[] {4000, 1100, 3000}, 1000, 10);
        for (int i = 0; i < 3; i++) {
            pooled.learn("wf", "index", false, new double[] {4000, 4000, 1000}, 1000, 10);
        }

        SizingChoice align = pooled.choose("wf", "align", false, new double[] {1, 2, 3});
        SizingChoice report = pooled.choose("wf", "report", false, new double[] {1, 2, 3});

        assertEquals("history", align.source());
        assertEquals("new action type", align.scope());
        assertEquals("model", report.source(), "a type never seen is judged on the other new types");
        assertEquals("cold", report.scope());
    }

    @Test
    void shouldSizeANewTypeWithoutARecordOfItsOwnWithTheConfiguredSourceWhenOneIsSet() {
        SizingSourceSelector fixed = new SizingSourceSelector(SOURCES, new SelectorSettings(4, 1, 0, "model"));
        fixed.learn("wf", "index", false, new double[] {1000, 1000, 500}, 1000, 10);

        SizingChoice cold = fixed.choose("wf", "align", false, new double[] {1, 2, 3});

        assertEquals("model", cold.source(), "even though the model failed on the last new type");
        assertEquals("new type", cold.scope());
        assertEquals(3, cold.allocationMb());
        assertTrue(cold.explanation().contains("configured"));
        assertEquals("new action type", fixed.choose("wf", "index", false, new double[] {1, 2, 3}).scope(),
                "a type that was new before is judged on its own record of then");
        assertEquals("requested", fixed.choose("wf", "align", true, new double[] {1, 2, 3}).source(),
                "a type with history but no record yet: the first source");
        assertThrows(IllegalArgumentException.class,
                () -> new SizingSourceSelector(SOURCES, new SelectorSettings(4, 1, 0, "oracle")));
    }

    @Test
    void shouldRefuseProposalsThatDoNotMatchTheSources() {
        assertThrows(IllegalArgumentException.class,
                () -> selector.learn("wf", "a", true, new double[] {1, 2}, 1, 1));
    }
}
