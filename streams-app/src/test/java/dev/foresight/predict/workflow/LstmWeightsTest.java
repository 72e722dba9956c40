package dev.foresight.predict.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmWeightsTest {

    private final LstmSettings settings = LstmSettings.defaults();
    private final ActionSequenceEncoder encoder = new ActionSequenceEncoder(settings);

    @Test
    void shouldMatchDl4jOutputWithPlainJavaForwardPass() {
        LstmTrainer trainer = new LstmTrainer(settings, encoder);
        OnlineNormalizer normalizer = new OnlineNormalizer(ActionSequenceEncoder.RESOURCES);
        List<ActionSequence> examples = new ArrayList<>();
        List<ActionObservation> workflow = SyntheticWorkflows.workflow(20, 1);
        for (int i = 0; i < workflow.size(); i++) {
            examples.add(encoder.encode(workflow.subList(0, i), workflow.get(i)));
            normalizer.add(ActionSequenceEncoder.logResources(workflow.get(i)));
        }
        LstmWeights weights = trainer.fit(examples, normalizer.scale());

        double[][] dl4j = trainer.output(examples, normalizer.scale());
        for (int i = 0; i < examples.size(); i++) {
            ActionSequence sequence = examples.get(i);
            double[] plain = weights.forward(
                    encoder.denseSteps(sequence, normalizer.scale()), encoder.hotRows(sequence));
            assertArrayEquals(dl4j[i], plain, 1e-5, "sequence of " + sequence.steps() + " steps");
        }
    }
}
