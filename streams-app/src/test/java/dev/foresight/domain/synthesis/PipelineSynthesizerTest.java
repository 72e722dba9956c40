package dev.foresight.domain.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.synthesis.SynthesisOutput.Kind;
import dev.foresight.domain.synthesis.SynthesisOutput.Operation;
import dev.foresight.domain.synthesis.SynthesisOutput.StageCommand;
import dev.foresight.domain.synthesis.SynthesisOutput.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSynthesizerTest {

    private static final int PEAK = 100;

    @Test
    void shouldStartEveryPipelineAtVersionOneFromTheBaseTemplate() {
        SynthesisFixture f = new SynthesisFixture();
        f.signal("request-rate", 0, 100);
        Version first = f.all(Version.class).get(0);
        assertEquals(1, first.version());
        assertEquals(0, first.parent());
        assertEquals("baseline", first.madeBy());
        assertEquals(List.of("build", "test", "deploy"), PipelineDefinition.fromJson(first.json()).stages().stream()
                .map(s -> s.path("name").asText()).toList());
    }

    @Test
    void shouldSynthesizeTheScalingStageBeforeTheRampPeaksAndBeforeTheNeedArrives() {
        SynthesisFixture f = new SynthesisFixture();
        for (int m = 0; m <= PEAK; m++) {
            f.signal("request-rate", m, SynthesisFixture.ramp(m, PEAK));
        }
        List<StageCommand> adds = f.all(StageCommand.class);
        assertEquals(1, adds.size(), "one scaling stage, no duplicate while it is active");
        StageCommand add = adds.get(0);
        assertEquals(Operation.ADD_STAGE, add.operation());
        assertEquals("scaling", add.stageType());
        assertEquals(2, add.version());
        assertEquals(1, add.parent());
        int synthesizedAt = (int) ((add.at().toEpochMilli() - SynthesisFixture.T0.toEpochMilli()) / 60_000);
        int needArrives = PEAK - 40 + (int) Math.ceil(0.6 / 1.2 * 40);
        assertTrue(synthesizedAt < needArrives, "synthesized at minute " + synthesizedAt + ", need at " + needArrives);
        assertTrue(StageFormat.problems(StageFormat.readJson(add.stageJson())).isEmpty());
        assertTrue(add.stageYaml().contains("name: scale-out"), add.stageYaml());
        assertTrue(add.reason().inputs().get("forecast") >= add.reason().thresholds().get("trigger"));
    }

    @Test
    void shouldCreditEveryArmWithTheOutcomeOfItsOwnTriggerAndFollowTheLeader() {
        SynthesisFixture f = new SynthesisFixture();
        for (int m = 0; m <= PEAK; m++) {
            f.signal("request-rate", m, SynthesisFixture.ramp(m, PEAK));
        }
        List<SynthesisOutput.Logged> tuned = f.logged(Kind.TUNED);
        assertEquals(1, tuned.size());
        assertEquals(1.0, tuned.get(0).reason().inputs().get("reward"));
        assertEquals(1.0, tuned.get(0).reason().thresholds().get("multiplierBefore"), "starts on the grid's last arm");
        ThresholdBandit tuner = f.state.bandit("scaling");
        double best = 0;
        for (int a = 0; a < 9; a++) {
            double total = tuner.total(a);
            assertTrue(total == 0 || total == ThresholdBandit.LATE_REWARD || total == 1, "arm " + a + ": " + total);
            best = Math.max(best, total);
        }
        assertEquals(1.0, best);
        assertEquals(best, tuner.total(tuner.current()));
        for (int a = 0; a < tuner.current(); a++) {
            assertTrue(tuner.total(a) < best, "ties go to the lower index");
        }
        assertTrue(tuner.current() != 8, "the arm moved to the leader");
    }

    @Test
    void shouldCountTheShadowStageOfAnArmNotInUseAsAFalseAlarmWhenNoNeedCame() {
        SynthesisFixture f = new SynthesisFixture();
        for (int m = 0; m <= 160; m++) {
            f.signal("request-rate", m, m >= 40 && m < 48 ? 140 : 100 * (1 + 0.02 * Math.sin(m * 1.7)));
        }
        ThresholdBandit tuner = f.state.bandit("scaling");
        assertEquals(ThresholdBandit.FALSE_ALARM_REWARD, tuner.total(0), 1e-9,
                "0.8 x need is 1.28: the 1.4 x bump fires the lowest trigger, and no need follows");
        assertTrue(f.logged(Kind.TUNED).stream().noneMatch(l -> l.reason().inputs().getOrDefault("reward", 1.0) == 0),
                "no arm is penalised for a need that never came");
    }

    @Test
    void shouldPenaliseTheArmThatMissedANeed() {
        SynthesisFixture f = new SynthesisFixture(SynthesisSettings.defaults().withMinObservations(10_000));
        for (int m = 0; m <= PEAK; m++) {
            f.signal("request-rate", m, SynthesisFixture.ramp(m, PEAK));
        }
        assertTrue(f.all(StageCommand.class).isEmpty());
        assertEquals(0.0, f.logged(Kind.TUNED).get(0).reason().inputs().get("reward"));
    }

    @Test
    void shouldRollBackAStageThatMakesRunsSlowerToItsParentsContent() {
        SynthesisFixture f = new SynthesisFixture();
        for (int r = 0; r < 5; r++) {
            f.run(r, 1, 600 + 10 * (r % 3), true);
        }
        f.anomaly("test-duration", 10, 900);
        StageCommand add = f.all(StageCommand.class).get(0);
        assertEquals("extended-tests", add.stageName());
        for (int r = 0; r < 10 && f.logged(Kind.ROLLED_BACK).isEmpty(); r++) {
            f.run(20 + r, 2, 900 + 10 * (r % 3), true);
        }
        StageCommand rollback = f.all(StageCommand.class).get(1);
        assertEquals(Operation.ROLLBACK, rollback.operation());
        assertEquals(3, rollback.version());
        assertEquals(2, rollback.parent());
        List<Version> versions = f.all(Version.class);
        assertEquals(versions.get(0).contentHash(), versions.get(2).contentHash(), "back to version 1's content");
        assertTrue(rollback.reason().inputs().get("llrSlower") > 0);
        assertTrue(versions.get(2).diff().contains("-- name: extended-tests"), versions.get(2).diff());
    }

    @Test
    void shouldKeepAStageWhoseRunsMatchTheParents() {
        SynthesisFixture f = new SynthesisFixture();
        for (int r = 0; r < 5; r++) {
            f.run(r, 1, 600 + 10 * (r % 3), true);
        }
        f.anomaly("test-duration", 10, 900);
        for (int r = 0; r < 30 && f.logged(Kind.KEPT).isEmpty(); r++) {
            f.run(20 + r, 2, 600 + 10 * (r % 3), true);
        }
        assertEquals(1, f.logged(Kind.KEPT).size());
        assertTrue(f.logged(Kind.ROLLED_BACK).isEmpty());
        assertEquals(2, f.state.version());
    }

    @Test
    void shouldNotReadOneSlowRunAsHarm() {
        SynthesisFixture f = new SynthesisFixture();
        for (int r = 0; r < 5; r++) {
            f.run(r, 1, 600 + 10 * (r % 3), true);
        }
        f.anomaly("test-duration", 10, 900);
        f.run(20, 2, 800, true);
        assertTrue(f.logged(Kind.ROLLED_BACK).isEmpty());
        assertTrue(f.state.trialOpen());
    }

    @Test
    void shouldRollBackAHarmfulScalingStageOnlyOnceTheNeedItCarriesHasCleared() {
        SynthesisFixture f = rampThenSlowRuns();
        List<SynthesisOutput.Logged> rolledBack = f.logged(Kind.ROLLED_BACK);
        assertEquals(1, rolledBack.size());
        int at = (int) ((rolledBack.get(0).at().toEpochMilli() - SynthesisFixture.T0.toEpochMilli()) / 60_000);
        assertTrue(at > PEAK, "rolled back at minute " + at + ", while the ramp held until " + PEAK);
    }

    @Test
    void shouldSynthesizeTheScalingStageDuringItsCooldownWhenTheNeedItselfIsForecast() {
        SynthesisFixture f = rampThenSlowRuns();
        int second = 300;
        for (int m = PEAK + 41; m <= second; m++) {
            f.signal("request-rate", m, SynthesisFixture.ramp(m, second));
        }
        List<StageCommand> commands = f.all(StageCommand.class);
        StageCommand last = commands.get(commands.size() - 1);
        assertEquals(Operation.ADD_STAGE, last.operation());
        assertEquals("scale-out", last.stageName());
        assertTrue(last.at().isBefore(SynthesisFixture.minute(second)), "synthesized at " + last.at());
        assertTrue(last.reason().explanation().contains("overrides the cooldown"), last.reason().explanation());
    }

    /**
     * A ramp to the peak, held there, back to flat at {@code PEAK + 10}; the scaling stage's version runs 50 %
     * slower from the need on.
     */
    private static SynthesisFixture rampThenSlowRuns() {
        SynthesisFixture f = new SynthesisFixture();
        for (int r = 0; r < 5; r++) {
            f.run(r, 1, 600 + 10 * (r % 3), true);
        }
        for (int m = 5; m <= PEAK + 40; m++) {
            f.signal("request-rate", m, m <= PEAK + 10 ? SynthesisFixture.ramp(m, PEAK) : 100);
            if (m > PEAK - 20 && m % 5 == 0 && f.state.version() == 2) {
                f.run(m, 2, 900 + 10 * (m % 3), true);
            }
        }
        return f;
    }

    @Test
    void shouldReportTheSlowTestStageAsTheBottleneckAndSplitItIntoShards() {
        SynthesisFixture f = new SynthesisFixture();
        for (int r = 0; r < 10; r++) {
            f.run(r, 1, 1500, true);
        }
        SynthesisOutput.Logged bottleneck = f.logged(Kind.BOTTLENECK).get(0);
        assertTrue(bottleneck.reason().explanation().contains("build -> test -> deploy"),
                bottleneck.reason().explanation());
        StageCommand remedy = f.all(StageCommand.class).get(0);
        assertEquals("test", remedy.stageName());
        assertEquals(5, StageFormat.readJson(remedy.stageJson()).path("parallelism").asInt());
    }

    @Test
    void shouldReproduceEveryOutputWhenTheSameInputsAreReplayed() {
        SynthesisFixture first = new SynthesisFixture();
        SynthesisFixture second = new SynthesisFixture();
        for (SynthesisFixture f : List.of(first, second)) {
            for (int m = 0; m <= PEAK; m++) {
                f.signal("request-rate", m, SynthesisFixture.ramp(m, PEAK));
            }
        }
        assertEquals(first.outputs, second.outputs);
        assertFalse(first.outputs.isEmpty());
    }
}
