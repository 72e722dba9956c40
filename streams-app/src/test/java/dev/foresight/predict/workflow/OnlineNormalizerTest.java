package dev.foresight.predict.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class OnlineNormalizerTest {

    @Test
    void shouldTrackMeanAndPopulationStdPerFeature() {
        OnlineNormalizer normalizer = new OnlineNormalizer(2);
        normalizer.add(new double[] {1, 10});
        normalizer.add(new double[] {2, 10});
        normalizer.add(new double[] {6, 10});

        OnlineNormalizer.Scale scale = normalizer.scale();
        assertEquals(3, scale.mean()[0], 1e-12);
        assertEquals(Math.sqrt(14.0 / 3), scale.std()[0], 1e-12);
        assertEquals(10, scale.mean()[1], 1e-12);
        assertEquals(1e-3, scale.std()[1], 1e-12, "a constant feature keeps a floor so it never divides by zero");
    }

    @Test
    void shouldPassValuesThroughCentredBeforeTwoObservations() {
        OnlineNormalizer normalizer = new OnlineNormalizer(1);
        normalizer.add(new double[] {5});

        assertEquals(2, normalizer.scale().standardize(0, 7), 1e-12);
    }

    @Test
    void shouldRestoreWhatItStandardized() {
        OnlineNormalizer normalizer = new OnlineNormalizer(1);
        for (double value : new double[] {3, 8, 13, 21}) {
            normalizer.add(new double[] {value});
        }
        OnlineNormalizer.Scale scale = normalizer.scale();

        assertEquals(17.5, scale.restore(0, scale.standardize(0, 17.5)), 1e-9);
    }

    @Test
    void shouldResumeFromWrittenState() throws IOException {
        OnlineNormalizer original = new OnlineNormalizer(1);
        original.add(new double[] {1});
        original.add(new double[] {4});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        original.write(new DataOutputStream(bytes));

        OnlineNormalizer restored = new OnlineNormalizer(1);
        restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        original.add(new double[] {10});
        restored.add(new double[] {10});

        assertEquals(original.scale().mean()[0], restored.scale().mean()[0], 1e-12);
        assertEquals(original.scale().std()[0], restored.scale().std()[0], 1e-12);
    }
}
