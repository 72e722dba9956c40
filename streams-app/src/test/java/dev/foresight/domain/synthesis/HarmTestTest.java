package dev.foresight.domain.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HarmTestTest {

    private static PipelineRun run(double seconds, boolean ok) {
        return new PipelineRun("r", Instant.EPOCH, 1, ok, List.of(new PipelineRun.StageRun("s", seconds, ok, 1)));
    }

    private static HarmTest.Verdict trial(double slowdown, double failureRate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RunStats parent = new RunStats();
        for (int i = 0; i < 8; i++) {
            parent.add(run(600 * (1 + 0.08 * random.nextGaussian()), random.nextDouble() > 0.1));
        }
        HarmTest test = new HarmTest();
        HarmSettings settings = HarmSettings.defaults();
        for (int i = 0; i < settings.maxRuns() && test.verdict(settings) == HarmTest.Verdict.PENDING; i++) {
            test.add(run(600 * (1 + slowdown) * (1 + 0.08 * random.nextGaussian()),
                    random.nextDouble() > failureRate), parent, settings);
        }
        return test.verdict(settings);
    }

    @Test
    void shouldFindAThirtyPercentSlowdownHarmfulOnMostSeeds() {
        long harmful = java.util.stream.LongStream.range(0, 50).filter(s -> trial(0.3, 0.1, s) == HarmTest.Verdict.HARMFUL)
                .count();
        assertEquals(true, harmful >= 45, harmful + " of 50");
    }

    @Test
    void shouldFindAnUnchangedVersionHarmlessOnMostSeeds() {
        long harmless = java.util.stream.LongStream.range(0, 50)
                .filter(s -> trial(0, 0.1, s) == HarmTest.Verdict.HARMLESS).count();
        assertEquals(true, harmless >= 42, harmless + " of 50");
    }

    @Test
    void shouldFindFailingMoreHarmful() {
        long harmful = java.util.stream.LongStream.range(0, 50)
                .filter(s -> trial(0, 0.6, s) == HarmTest.Verdict.HARMFUL).count();
        assertEquals(true, harmful >= 45, harmful + " of 50");
    }
}
