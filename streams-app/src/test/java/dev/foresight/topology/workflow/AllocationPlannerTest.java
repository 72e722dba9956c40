package dev.foresight.topology.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.foresight.predict.workflow.ResourcePrediction;
import dev.foresight.schema.state.PredictionSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AllocationPlannerTest {

    private final AllocationPlanner planner = new AllocationPlanner(AllocationPolicy.defaults());
    private final List<Resources> tenSamples = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> new Resources(i, 100.0 * i, 0, 0, 0)).toList();

    @Test
    void shouldAllocateThePredictionPlusHeadroomAtTheConfidenceThreshold() {
        AllocationPlan plan = planner.plan(prediction(2, 1000, 0.7), tenSamples, Optional.empty());
        assertEquals(PredictionSource.MODEL, plan.source());
        assertEquals(1000, plan.expected().memoryMb(), 1e-9);
        assertEquals(1200, plan.allocated().memoryMb(), 1e-9);
        assertEquals("v7", plan.version());
    }

    @Test
    void shouldAllocateTheModelsCalibratedMemoryBoundWhenItGivesOne() {
        ResourcePrediction bounded = new ResourcePrediction(2, 1000, 0, 0, 0, 0.9, "v7", 1500);
        AllocationPlan plan = planner.plan(bounded, tenSamples, Optional.empty());
        assertEquals(1500, plan.allocated().memoryMb(), 1e-9);
        assertEquals(2.4, plan.allocated().cpuCores(), 1e-9, "no bound for cpu: prediction plus headroom");
    }

    @Test
    void shouldAllocateTheQuantileOfHistoryJustBelowTheThreshold() {
        AllocationPlan plan = planner.plan(prediction(2, 1000, 0.69), tenSamples, Optional.empty());
        assertEquals("fallback-p95", plan.madeBy());
        assertEquals(1000, plan.allocated().memoryMb(), 1e-9, "nearest rank: the 10th of 10");
        assertEquals(10.0, plan.inputs().get("history.samples"));
    }

    @Test
    void shouldAllocateTheDefaultWithoutHistoryOrRequest() {
        AllocationPlan plan = planner.plan(prediction(2, 1000, 0.1), tenSamples.subList(0, 4), Optional.empty());
        assertEquals(AllocationPlanner.FALLBACK_DEFAULT, plan.madeBy());
        assertEquals(AllocationPolicy.defaults().defaultAllocation(), plan.allocated());
    }

    @Test
    void shouldNeverAllocateNegativeResourcesFromANegativePrediction() {
        AllocationPlan plan = planner.plan(prediction(-1, -50, 0.9), List.of(), Optional.empty());
        assertEquals(0, plan.allocated().cpuCores());
        assertEquals(0, plan.allocated().memoryMb());
    }

    private static ResourcePrediction prediction(double cpu, double memoryMb, double confidence) {
        return new ResourcePrediction(cpu, memoryMb, 0, 0, 0, confidence, "v7");
    }
}
