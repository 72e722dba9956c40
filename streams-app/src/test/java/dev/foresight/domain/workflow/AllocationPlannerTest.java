package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.predict.workflow.ResourcePrediction;
import dev.foresight.schema.state.PredictionSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllocationPlannerTest {

    private static final double UNSURE = 0.1;

    private final AllocationPlanner planner = new AllocationPlanner(AllocationPolicy.defaults());
    private final List<Resources> tenSamples = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> new Resources(i, 100.0 * i, 0, 0, 0)).toList();

    @Test
    void shouldAllocateThePredictionPlusHeadroomJustAboveTheConfidenceThreshold() {
        AllocationPlan plan = planner.plan(prediction("sort", 2, 1000, 0.71), tenSamples, Optional.empty());
        assertEquals(PredictionSource.MODEL, plan.source());
        assertEquals(1000, plan.expected().memoryMb(), 1e-9);
        assertEquals(1200, plan.allocated().memoryMb(), 1e-9);
        assertEquals("v7", plan.version());
    }

    @Test
    void shouldAllocateTheModelsCalibratedMemoryBoundWhenItGivesOne() {
        ResourcePrediction bounded = new ResourcePrediction("wf", "sort", 2, 1000, 0, 0, 0, 0.9, "v7", 1500);
        AllocationPlan plan = planner.plan(bounded, tenSamples, Optional.empty());
        assertEquals(1500, plan.allocated().memoryMb(), 1e-9);
        assertEquals(2.4, plan.allocated().cpuCores(), 1e-9, "no bound for cpu: prediction plus headroom");
    }

    @Test
    void shouldNeverPlanTheModelsMemoryAboveTheRequest() {
        ResourcePrediction bounded = new ResourcePrediction("wf", "sort", 2, 1000, 0, 0, 0, 0.9, "v7", 1500);
        AllocationPlan plan = planner.plan(bounded, tenSamples, Optional.of(new Resources(4, 1300, 0, 0, 0)));
        assertEquals(1300, plan.allocated().memoryMb(), 1e-9);
    }

    @Test
    void shouldAllocateTheQuantileOfHistoryPlusHeadroomAtTheThreshold() {
        AllocationPlan plan = planner.plan(prediction("sort", 2, 1000, 0.7), tenSamples, Optional.empty());
        assertEquals("fallback-p95", plan.madeBy());
        assertEquals(1000, plan.expected().memoryMb(), 1e-9, "nearest rank: the 10th of 10");
        assertEquals(1200, plan.allocated().memoryMb(), 1e-9);
        assertEquals(10.0, plan.inputs().get("history.samples"));
    }

    @Test
    void shouldSizeFromTheTypesHistoryOnceOneActionOfItCompleted() {
        AllocationPlan plan = planner.plan(prediction("sort", 0, 0, UNSURE), List.of(new Resources(1, 500, 0, 0, 0)),
                request(4096));
        assertEquals("fallback-p95", plan.madeBy());
        assertEquals(600, plan.allocated().memoryMb(), 1e-9);
    }

    @Test
    void shouldNeverPlanTheHistorysMemoryAboveTheRequest() {
        AllocationPlan plan = planner.plan(prediction("sort", 0, 0, UNSURE), tenSamples, request(1100));
        assertEquals(1100, plan.allocated().memoryMb(), 1e-9, "p95 plus headroom would be 1200");
    }

    @Test
    void shouldReserveTheRequestUntilEnoughOtherTypesHaveHistory() {
        learnShares("wf", 4, 0.25);

        AllocationPlan plan = planner.plan(prediction("new", 0, 0, UNSURE), List.of(), request(8000));

        assertEquals(AllocationPlanner.FALLBACK_REQUESTED, plan.madeBy());
        assertEquals(8000, plan.allocated().memoryMb(), 1e-9);
    }

    @Test
    void shouldScaleTheRequestOfANewTypeByTheShareOtherTypesUsedOfTheirs() {
        learnShares("wf", 5, 0.1);
        planner.plan(prediction("big", 0, 0, UNSURE), List.of(new Resources(1, 300, 0, 0, 0)), request(1000));

        AllocationPlan plan = planner.plan(prediction("new", 0, 0, UNSURE), List.of(), request(8000));

        assertEquals(AllocationPlanner.FALLBACK_SHARE, plan.madeBy());
        assertEquals(8000 * 0.3, plan.allocated().memoryMb(), 1e-9, "nearest-rank p95 of six shares: the largest");
        assertEquals(6.0, plan.inputs().get("shares.types"));
    }

    @Test
    void shouldUpdateATypesShareFromItsLatestHistory() {
        learnShares("wf", 5, 0.1);
        planner.plan(prediction("type-0", 0, 0, UNSURE), List.of(new Resources(1, 200, 0, 0, 0)), request(1000));

        AllocationPlan plan = planner.plan(prediction("new", 0, 0, UNSURE), List.of(), request(1000));

        assertEquals(200, plan.allocated().memoryMb(), 1e-9);
    }

    @Test
    void shouldKeepTheSharesOfEachWorkflowTypeApart() {
        learnShares("other-wf", 5, 0.1);

        AllocationPlan plan = planner.plan(prediction("new", 0, 0, UNSURE), List.of(), request(8000));

        assertEquals(AllocationPlanner.FALLBACK_REQUESTED, plan.madeBy());
    }

    @Test
    void shouldReserveTheDefaultForANewTypeWithoutRequestWhateverOtherTypesUsed() {
        learnShares("wf", 5, 0.1);

        AllocationPlan plan = planner.plan(prediction("new", 2, 1000, UNSURE), List.of(), Optional.empty());

        assertEquals(AllocationPlanner.FALLBACK_DEFAULT, plan.madeBy());
        assertEquals(AllocationPolicy.defaults().defaultAllocation(), plan.allocated());
    }

    @Test
    void shouldNeverAllocateNegativeResourcesFromANegativePrediction() {
        AllocationPlan plan = planner.plan(prediction("sort", -1, -50, 0.9), List.of(), Optional.empty());
        assertEquals(0, plan.allocated().cpuCores());
        assertEquals(0, plan.allocated().memoryMb());
    }

    /** Plans one action each of {@code types} types that used {@code share} of a 1000 MB request. */
    private void learnShares(String workflowType, int types, double share) {
        for (int t = 0; t < types; t++) {
            planner.plan(new ResourcePrediction(workflowType, "type-" + t, 0, 0, 0, 0, 0, UNSURE, "v7"),
                    List.of(new Resources(1, 1000 * share, 0, 0, 0)), request(1000));
        }
    }

    private static Optional<Resources> request(double memoryMb) {
        return Optional.of(new Resources(1, memoryMb, 0, 0, 0));
    }

    private static ResourcePrediction prediction(String actionType, double cpu, double memoryMb, double confidence) {
        return new ResourcePrediction("wf", actionType, cpu, memoryMb, 0, 0, 0, confidence, "v7");
    }
}
