package dev.foresight.domain.hostrisk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.foresight.domain.hostrisk.HostRiskScorer.Assessment;
import dev.foresight.domain.hostrisk.AlertHysteresis.Transition;
import dev.foresight.schema.state.HostRiskProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HostRiskScorerTest {

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final List<String> HOSTS = List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10");

    private final HostRiskScorer scorer = new HostRiskScorer(HostRiskSettings.defaults().withThresholds(0.6, 0.4));
    private final Map<String, HostRiskProfile> profiles = new HashMap<>();
    private final Random noise = new Random(7);

    @Test
    void shouldNotScoreAHostBeforeItsWarmUp() {
        List<Assessment> first = round(0, host -> 1.0);
        assertTrue(first.stream().noneMatch(Assessment::scored));
        assertTrue(first.stream().allMatch(a -> a.risk() == 0 && a.drivers().isEmpty()));
    }

    @Test
    void shouldRaiseAnAlertNamingTheHostWhoseSignalsLeaveItsBaselineAlone() {
        steady(60);
        Map<String, Assessment> hit = null;
        for (int minute = 60; minute < 70; minute++) {
            hit = byHost(round(minute, host -> host.equals("h3") ? 4.0 : 1.0));
            if (hit.get("h3").transition() == Transition.RAISED) {
                break;
            }
        }
        assertEquals(Transition.RAISED, hit.get("h3").transition());
        assertEquals(5, hit.get("h3").drivers().size());
        assertTrue(hit.get("h3").drivers().values().stream().allMatch(z -> z > 2), hit.get("h3").drivers().toString());
        assertTrue(hit.entrySet().stream().filter(e -> !e.getKey().equals("h3"))
                .allMatch(e -> e.getValue().transition() == Transition.NONE && e.getValue().risk() < 0.4));
    }

    @Test
    void shouldNotRaiseAnAlertWhenEveryHostShiftsTogether() {
        steady(60);
        for (int minute = 60; minute < 80; minute++) {
            List<Assessment> round = round(minute, host -> 3.0);
            assertTrue(round.stream().allMatch(a -> a.transition() == Transition.NONE), "minute " + minute);
            assertTrue(round.stream().allMatch(a -> a.risk() < 0.4), "minute " + minute);
        }
    }

    @Test
    void shouldKeepTheAlertUntilRiskFallsBelowTheExitThreshold() {
        steady(60);
        int minute = 60;
        while (byHost(round(minute++, host -> host.equals("h3") ? 4.0 : 1.0)).get("h3").transition() != Transition.RAISED) {
            assertTrue(minute < 80, "never raised");
        }
        Assessment recovering = null;
        do {
            recovering = byHost(round(minute++, host -> 1.0)).get("h3");
            if (recovering.risk() >= 0.4) {
                assertEquals(Transition.NONE, recovering.transition(), "cleared above the exit threshold");
            }
        } while (recovering.transition() != Transition.CLEARED && minute < 120);
        assertEquals(Transition.CLEARED, recovering.transition());
        assertTrue(recovering.risk() < 0.4);
        assertTrue(profiles.get("h3").getAlertingSince() == null);
    }

    @Test
    void shouldRaiseOnlyOnceTheRiskHeldTheThresholdForTheDebounceRounds() {
        HostRiskScorer debounced = new HostRiskScorer(HostRiskSettings.defaults()
                .withAlertRule(new AlertHysteresis(0.6, 0.4, 3)));
        for (int minute = 0; minute < 60; minute++) {
            debounced.score("svc", START.plus(Duration.ofMinutes(minute)), signals(host -> 1.0), profiles);
        }
        List<Double> risks = new ArrayList<>();
        Assessment h3;
        int minute = 60;
        do {
            h3 = byHost(debounced.score("svc", START.plus(Duration.ofMinutes(minute++)),
                    signals(host -> host.equals("h3") ? 4.0 : 1.0), profiles)).get("h3");
            risks.add(h3.risk());
        } while (h3.transition() != Transition.RAISED && minute < 80);
        assertEquals(Transition.RAISED, h3.transition());
        int n = risks.size();
        assertTrue(risks.subList(n - 3, n).stream().allMatch(r -> r >= 0.6), "three rounds at the threshold: " + risks);
        assertTrue(n < 4 || risks.get(n - 4) < 0.6, "not raised a round earlier: " + risks);
        assertEquals(0, profiles.get("h3").getRoundsAbove(), "the count restarts once in alert");
    }

    @Test
    void shouldStartLearningAfreshAfterASilenceLongerThanTheRestart() {
        steady(60);
        Duration silence = HostRiskSettings.defaults().restartAfter().plusMinutes(1);
        List<Assessment> after = scorer.score("svc", START.plus(Duration.ofMinutes(60)).plus(silence),
                signals(host -> 5.0), profiles);
        assertTrue(after.stream().noneMatch(Assessment::scored), "levels of another regime would all alarm");
        assertEquals(1, profiles.get("h1").getSamples());
    }

    @Test
    void shouldKeepItsDeviationScalesOverARestartWhenSoSetButLearnItsLevelsAfresh() {
        HostRiskScorer keeping = new HostRiskScorer(HostRiskSettings.defaults().withKeptScales(true));
        for (int minute = 0; minute < 60; minute++) {
            keeping.score("svc", START.plus(Duration.ofMinutes(minute)), signals(host -> 1.0), profiles);
        }
        double spread = profiles.get("h1").getDeviationVariances().get("load");
        Duration silence = HostRiskSettings.defaults().restartAfter().plusMinutes(1);
        keeping.score("svc", START.plus(Duration.ofMinutes(60)).plus(silence), signals(host -> 5.0), profiles);
        HostRiskProfile h1 = profiles.get("h1");
        assertEquals(1, h1.getSamples());
        assertEquals(60, h1.getKeptRounds(), "the rounds the scales rested on");
        assertEquals(Math.log1p(500), h1.getLevels().get("load"), 0.1, "the level is the new regime's");
        // one round of zero net deviation at weight 1/61 (61 rounds learnt): a fresh spread would be 0
        assertEquals(spread * 60 / 61, h1.getDeviationVariances().get("load"), spread * 0.02);
    }

    @Test
    void shouldRestartWhenTheClockMovesBackFurtherThanTheRestart() {
        steady(60);
        Duration back = HostRiskSettings.defaults().restartAfter().plusMinutes(1);
        scorer.score("svc", START.minus(back), signals(host -> 1.0), profiles);
        assertEquals(1, profiles.get("h1").getSamples(), "a replay of an earlier recording is another regime");
        assertEquals(0, profiles.get("h1").getKeptRounds(), "by default nothing outlives a restart");
        assertEquals(0.0, profiles.get("h1").getDeviationVariances().get("load"), "the spread of one round");
    }

    @Test
    void shouldAlertASettledHostByTheSettledRuleAndAColdOneByTheColdRule() {
        // z = 0.2 / 0.1 on the one signal, no smoothing: risk 0.4, between the settled (0.3) and cold (0.5) thresholds
        HostRiskSettings settings = new HostRiskSettings(Duration.ofMinutes(1), Duration.ofMinutes(30), 20, 1.0 / 60,
                1.0 / 1440, 4, 1, 5, 0.05, 0, 1.0, 0.3, 0.2, 1, 0.5, 0.4, false);
        Assessment cold = newcomer(settings, 0);
        Assessment settled = newcomer(settings, settings.settledRounds());
        assertEquals(0.4, cold.risk(), 1e-9);
        assertEquals(0.4, settled.risk(), 1e-9);
        assertFalse(cold.settled());
        assertFalse(cold.alerting(), "scales resting on 20 rounds: the cold rule");
        assertTrue(settled.settled());
        assertTrue(settled.alerting(), "scales resting on a day, kept over a restart: the settled rule");
    }

    @Test
    void shouldCompareAHostWithThePeersWhoseLevelsAreClosest() {
        // h1-h5 run ten times the load of h6-h10; a burst on the big five must not make the small ones risky
        for (int minute = 0; minute < 60; minute++) {
            round(minute, host -> big(host) ? 10.0 : 1.0);
        }
        for (int minute = 60; minute < 70; minute++) {
            Map<String, Assessment> round = byHost(round(minute, host -> big(host) ? 30.0 : 1.0));
            assertTrue(round.values().stream().allMatch(a -> a.transition() == Transition.NONE), "minute " + minute);
        }
        assertFalse(profiles.get("h1").getAlertingSince() != null);
    }

    @Test
    void shouldStopAlarmingOnHostsWhoseFirstRoundsWereCalmerThanTheirUsualSpread() {
        // every host's signals spread four times wider than in the warm-up, and keep doing so: that is their normal
        for (int minute = 0; minute < 400; minute++) {
            double spread = minute < 20 ? 0.1 : 0.4;
            List<Assessment> round = scorer.score("svc", START.plus(Duration.ofMinutes(minute)),
                    spreading(host -> spread), profiles);
            if (minute >= 100) {
                int at = minute;
                round.forEach(a -> assertFalse(a.alerting(), "minute " + at + ", " + a.hostId() + ": risk " + a.risk()));
            }
        }
    }

    @Test
    void shouldAlarmOnAHostThatSpreadsWiderThanItsPeersInItsFirstHour() {
        // h3 alone spreads four times wider after its warm-up: its own few rounds would soon call that its normal
        boolean alerted = false;
        for (int minute = 0; minute < 60; minute++) {
            double spread = minute < 20 ? 0.1 : 0.4;
            Map<String, Assessment> round = byHost(scorer.score("svc", START.plus(Duration.ofMinutes(minute)),
                    spreading(host -> host.equals("h3") ? spread : 0.1), profiles));
            alerted |= round.get("h3").alerting();
            assertTrue(round.entrySet().stream().filter(e -> !e.getKey().equals("h3"))
                    .noneMatch(e -> e.getValue().alerting()), "minute " + minute);
        }
        assertTrue(alerted, "its peers' spread is the prior of a host with few rounds of its own");
    }

    @Test
    void shouldScaleAHostWithFewRoundsOfItsOwnByItsPeersSpread() {
        HostRiskSettings pooled = new HostRiskSettings(Duration.ofMinutes(1), Duration.ofMinutes(30), 20, 1.0 / 60,
                1.0 / 1440, 4, 1, 5, 0.05, 60, 1.0, 0.6, 0.4, 1, 0.6, 0.4, false);
        HostRiskSettings own = new HostRiskSettings(Duration.ofMinutes(1), Duration.ofMinutes(30), 20, 1.0 / 60,
                1.0 / 1440, 4, 1, 5, 0.05, 0, 1.0, 0.6, 0.4, 1, 0.6, 0.4, false);
        double pooledZ = newcomerZ(pooled);
        double ownZ = newcomerZ(own);
        // the newcomer's own 20 rounds say 0.1, its peers' 600 rounds say 0.3: 60 prior rounds give about 0.26
        assertEquals(0.2 / 0.1, ownZ, 1e-9);
        assertEquals(0.2 / Math.sqrt((20 * 0.01 + 60 * 0.09) / 80), pooledZ, 1e-9);
    }

    /** h1 joins four peers of a long history with a fifth of their spread and then steps 0.2 (log1p) alone. */
    private static double newcomerZ(HostRiskSettings settings) {
        return newcomer(settings, 0).drivers().get("load");
    }

    /** The same, h1's scales resting on its 20 rounds and {@code keptRounds} from before a restart. */
    private static Assessment newcomer(HostRiskSettings settings, long keptRounds) {
        Map<String, HostRiskProfile> known = new HashMap<>();
        for (String host : List.of("h1", "h2", "h3", "h4", "h5")) {
            boolean newcomer = host.equals("h1");
            known.put(host, HostRiskProfile.newBuilder().setHostId(host).setServiceId("svc")
                    .setKeptRounds(newcomer ? keptRounds : 0).setSamples(newcomer ? 20 : 600).setLastSeen(START).setLevels(new HashMap<>(Map.of("load", 1.0)))
                    .setDeviationMeans(new HashMap<>(Map.of("load", 0.0)))
                    .setDeviationVariances(new HashMap<>(Map.of("load", newcomer ? 0.01 : 0.09)))
                    .setRisk(0).setAlertingSince(null).setRoundsAbove(0).build());
        }
        Map<String, Map<String, Double>> round = new HashMap<>();
        known.keySet().forEach(host -> round.put(host, Map.of("load", Math.expm1(host.equals("h1") ? 1.2 : 1.0))));
        return byHost(new HostRiskScorer(settings).score("svc", START.plusSeconds(60), round, known)).get("h1");
    }

    private static boolean big(String host) {
        return List.of("h1", "h2", "h3", "h4", "h5").contains(host);
    }

    private void steady(int minutes) {
        for (int minute = 0; minute < minutes; minute++) {
            round(minute, host -> 1.0);
        }
    }

    private List<Assessment> round(int minute, Function<String, Double> scale) {
        return scorer.score("svc", START.plus(Duration.ofMinutes(minute)), signals(scale), profiles);
    }

    /** Six signals per host, each at 100 × scale with 2% noise. */
    private Map<String, Map<String, Double>> signals(Function<String, Double> scale) {
        Map<String, Map<String, Double>> round = new HashMap<>();
        for (String host : HOSTS) {
            Map<String, Double> values = new HashMap<>();
            for (String signal : List.of("load", "queue", "sockets", "rx", "tx", "iops")) {
                values.put(signal, 100 * scale.apply(host) * (1 + 0.02 * noise.nextGaussian()));
            }
            round.put(host, values);
        }
        return round;
    }

    /** The same six signals, log-normal around 100 with each host's spread. */
    private Map<String, Map<String, Double>> spreading(Function<String, Double> spread) {
        Map<String, Map<String, Double>> round = new HashMap<>();
        for (String host : HOSTS) {
            Map<String, Double> values = new HashMap<>();
            for (String signal : List.of("load", "queue", "sockets", "rx", "tx", "iops")) {
                values.put(signal, 100 * Math.exp(spread.apply(host) * noise.nextGaussian()));
            }
            round.put(host, values);
        }
        return round;
    }

    private static Map<String, Assessment> byHost(List<Assessment> round) {
        return round.stream().collect(Collectors.toMap(Assessment::hostId, a -> a));
    }
}
