package dev.foresight.predict.workflow;

import static dev.foresight.predict.workflow.SyntheticWorkflows.WORKFLOW_TYPE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class LstmNextActionPredictorTest {

    private static final int LENGTH = 24;

    private final LstmSettings settings = LstmSettings.defaults();

    @Test
    void shouldPredictMemoryBetterAfterLearningFromWorkflows() {
        LstmNextActionPredictor predictor = new LstmNextActionPredictor(settings, Runnable::run);
        List<ActionObservation> heldOut = SyntheticWorkflows.workflow(LENGTH, 999);
        learnWorkflows(predictor, 3, 0);
        double before = memoryMae(predictor, heldOut);

        learnWorkflows(predictor, 40, 100);
        double after = memoryMae(predictor, heldOut);

        assertTrue(after < 0.5 * before, "MAE " + before + " MB before, " + after + " MB after");
    }

    @Test
    void shouldSwapInNewWeightsOnlyWhenTheTrainingStepHasRun() {
        Queue<Runnable> trainingQueue = new ArrayDeque<>();
        LstmNextActionPredictor predictor = new LstmNextActionPredictor(settings, trainingQueue::add);
        String initial = predictor.version();
        List<ActionObservation> history = SyntheticWorkflows.workflow(LENGTH, 1).subList(0, 10);

        learnWorkflows(predictor, 2, 0);
        ResourcePrediction beforeTraining = predictor.predict(WORKFLOW_TYPE, history, "sort");
        assertEquals(1, trainingQueue.size(), "one training step queued, not run");
        assertEquals(initial, beforeTraining.modelVersion());

        trainingQueue.remove().run();
        ResourcePrediction afterTraining = predictor.predict(WORKFLOW_TYPE, history, "sort");
        assertNotEquals(initial, afterTraining.modelVersion());
        assertEquals(predictor.version(), afterTraining.modelVersion());
        assertNotEquals(beforeTraining.memoryMb(), afterTraining.memoryMb());
    }

    @Test
    void shouldHaveNoConfidenceForAnActionTypeItHasNeverLearned() {
        LstmNextActionPredictor predictor = new LstmNextActionPredictor(settings, Runnable::run);
        learnWorkflows(predictor, 10, 0);

        ResourcePrediction prediction =
                predictor.predict(WORKFLOW_TYPE, SyntheticWorkflows.workflow(8, 5), "never-seen");

        assertEquals(0, prediction.confidence());
        assertTrue(Double.isInfinite(prediction.memoryUpperMb()));
    }

    @Test
    void shouldGainConfidenceAndAFiniteUpperBoundFromAccurateHistory() {
        LstmNextActionPredictor predictor = new LstmNextActionPredictor(settings, Runnable::run);
        List<ActionObservation> heldOut = SyntheticWorkflows.workflow(LENGTH, 999);
        learnWorkflows(predictor, 50, 0);

        ResourcePrediction prediction = predictor.predict(WORKFLOW_TYPE, heldOut.subList(0, 12), "sort");

        assertTrue(prediction.confidence() > 0.5, "confidence " + prediction.confidence());
        assertTrue(prediction.memoryUpperMb() >= prediction.memoryMb() * 0.9);
        assertTrue(Double.isFinite(prediction.memoryUpperMb()));
    }

    @Test
    void shouldPredictIdenticallyAfterRestoringACheckpoint() {
        LstmNextActionPredictor original = new LstmNextActionPredictor(settings, Runnable::run);
        learnWorkflows(original, 20, 0);
        List<ActionObservation> history = SyntheticWorkflows.workflow(LENGTH, 77).subList(0, 15);

        LstmNextActionPredictor restored = new LstmNextActionPredictor(settings, Runnable::run);
        restored.restore(original.checkpoint());

        assertEquals(original.predict(WORKFLOW_TYPE, history, "align"), restored.predict(WORKFLOW_TYPE, history, "align"));
        assertEquals(original.version(), restored.version());
    }

    @Test
    void shouldKeepLearningAfterRestoringACheckpoint() {
        LstmNextActionPredictor original = new LstmNextActionPredictor(settings, Runnable::run);
        learnWorkflows(original, 20, 0);
        LstmNextActionPredictor restored = new LstmNextActionPredictor(settings, Runnable::run);
        restored.restore(original.checkpoint());
        String restoredVersion = restored.version();
        List<ActionObservation> heldOut = SyntheticWorkflows.workflow(LENGTH, 999);
        double restoredMae = memoryMae(restored, heldOut);

        learnWorkflows(restored, 40, 500);

        assertNotEquals(restoredVersion, restored.version());
        assertTrue(memoryMae(restored, heldOut) < restoredMae);
    }

    private static void learnWorkflows(LstmNextActionPredictor predictor, int count, long firstSeed) {
        for (long seed = firstSeed; seed < firstSeed + count; seed++) {
            List<ActionObservation> workflow = SyntheticWorkflows.workflow(LENGTH, seed);
            for (int i = 0; i < workflow.size(); i++) {
                predictor.learn(WORKFLOW_TYPE, workflow.subList(0, i), workflow.get(i));
            }
        }
    }

    private static double memoryMae(LstmNextActionPredictor predictor, List<ActionObservation> workflow) {
        double sum = 0;
        for (int i = 0; i < workflow.size(); i++) {
            ActionObservation actual = workflow.get(i);
            sum += Math.abs(predictor.predict(WORKFLOW_TYPE, workflow.subList(0, i), actual.actionType()).memoryMb()
                    - actual.memoryMb());
        }
        return sum / workflow.size();
    }
}
