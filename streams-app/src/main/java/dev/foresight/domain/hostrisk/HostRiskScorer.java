package dev.foresight.domain.hostrisk;

import dev.foresight.domain.hostrisk.AlertHysteresis.Transition;
import dev.foresight.schema.state.HostRiskProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Continuous failure risk of the hosts of one service, one round of samples at a time.
 *
 * <p>Each signal is read as {@code log1p(value)}, so bytes per second and utilisations deviate on one
 * scale. Its deviation from the host's own moving level is taken net of the median deviation of the
 * host's peers (the hosts whose levels are closest to its own), so whatever reaches the whole cluster at
 * once (a traffic burst) cancels out and what reaches one host stands out. That net deviation is then
 * standardized by how far it usually strays on this host, shrunk toward how far it strays on those peers while
 * the host has few rounds of its own (a fresh host's own spread rests on a handful of rounds, and a fault it
 * meets early would soon be learnt as its spread), clipped, and the mean of the host's most
 * deviating signals, smoothed over rounds, is its risk in [0, 1] (1: all of them at the clip). A
 * risk at or above the alert threshold raises an alert; it clears below the exit threshold.
 *
 * <p>A host learns through its first rounds before it is scored, and learns again when it has been silent for longer
 * than {@link HostRiskSettings#restartAfter()}: its levels describe another regime. With
 * {@link HostRiskSettings#keepScales()} its deviation scales outlive the restart. A host whose scales rest on fewer
 * rounds than {@link HostRiskSettings#settledRounds()} (a fresh host, its first day) is alerted by the cold rule, a
 * settled one by the settled rule, each chosen on the normal minutes of its kind. No Kafka types: the caller stores
 * the profiles.
 */
public final class HostRiskScorer {

    /** Input of a published score's decision: 1 while the host is in alert after the round, else 0. */
    public static final String ALERTING_INPUT = "alerting";

    /** Input of a published score's decision: 1 when the host's scales had settled and its settled rule applied. */
    public static final String SETTLED_INPUT = "settled";

    /**
     * @param drivers  the most deviating signals with their (clipped, signed) z-scores; empty while warming up
     * @param alerting whether the host is in alert after this round
     * @param settled  whether the settled alert rule applied this round (else the cold one)
     */
    public record Assessment(String hostId, double risk, boolean scored, Map<String, Double> drivers,
                             Transition transition, boolean alerting, boolean settled) {
    }

    private final HostRiskSettings settings;
    private final AlertHysteresis settledRule;
    private final AlertHysteresis coldRule;

    public HostRiskScorer(HostRiskSettings settings) {
        this.settings = settings;
        this.settledRule = settings.hysteresis();
        this.coldRule = settings.coldHysteresis();
    }

    public HostRiskSettings settings() {
        return settings;
    }

    /**
     * Scores every host of the round against its own levels and its peers', then learns the round.
     *
     * @param round    hostId → signal name → value, one sample per host
     * @param profiles hostId → profile of the hosts known so far; hosts of the round are added or replaced
     */
    public List<Assessment> score(String serviceId, Instant at, Map<String, Map<String, Double>> round,
                                  Map<String, HostRiskProfile> profiles) {
        Map<String, Map<String, Double>> deviations = new LinkedHashMap<>();
        round.forEach((hostId, signals) -> {
            HostRiskProfile profile = current(profiles.get(hostId), serviceId, hostId, at);
            profiles.put(hostId, profile);
            deviations.put(hostId, deviations(profile, logScale(signals)));
        });
        Map<String, Map<String, Double>> nets = new HashMap<>();
        Map<String, Map<String, Double>> scales = new HashMap<>();
        for (String hostId : deviations.keySet()) {
            List<String> peers = peers(hostId, profiles, deviations.keySet());
            Map<String, Double> net = netOfPeers(hostId, deviations, peers);
            nets.put(hostId, net);
            scales.put(hostId, scales(profiles.get(hostId), net.keySet(), peers.stream().map(profiles::get).toList()));
        }
        List<Assessment> assessments = new ArrayList<>();
        for (String hostId : deviations.keySet()) {
            HostRiskProfile profile = profiles.get(hostId);
            assessments.add(assess(profile, standardize(profile, nets.get(hostId), scales.get(hostId)), at));
            learn(profile, nets.get(hostId), deviations.get(hostId), at);
        }
        return assessments;
    }

    /** A restart keeps the deviation scales and the rounds they rest on if so set; levels, risk and alert start afresh. */
    private HostRiskProfile current(HostRiskProfile known, String serviceId, String hostId, Instant at) {
        if (known != null && Duration.between(known.getLastSeen(), at).abs().compareTo(settings.restartAfter()) <= 0) {
            return known;
        }
        HostRiskProfile.Builder fresh = HostRiskProfile.newBuilder().setHostId(hostId).setServiceId(serviceId)
                .setSamples(0).setLastSeen(at).setLevels(new HashMap<>()).setRisk(0).setAlertingSince(null)
                .setRoundsAbove(0);
        return known == null || !settings.keepScales()
                ? fresh.setDeviationMeans(new HashMap<>()).setDeviationVariances(new HashMap<>()).setKeptRounds(0).build()
                : fresh.setDeviationMeans(new HashMap<>(known.getDeviationMeans()))
                        .setDeviationVariances(new HashMap<>(known.getDeviationVariances()))
                        .setKeptRounds(spreadRounds(known)).build();
    }

    /** The rounds a host's deviation scales rest on: since its restart and kept from before. */
    private static long spreadRounds(HostRiskProfile profile) {
        return profile.getSamples() + profile.getKeptRounds();
    }

    private static Map<String, Double> logScale(Map<String, Double> signals) {
        Map<String, Double> values = new HashMap<>();
        signals.forEach((name, value) -> {
            if (value != null && Double.isFinite(value)) {
                values.put(name, Math.log1p(Math.max(0, value)));
            }
        });
        return values;
    }

    /** A signal seen for the first time starts at its level. */
    private static Map<String, Double> deviations(HostRiskProfile profile, Map<String, Double> values) {
        Map<String, Double> deviations = new HashMap<>();
        values.forEach((name, value) -> {
            profile.getLevels().putIfAbsent(name, value);
            deviations.put(name, value - profile.getLevels().get(name));
        });
        return deviations;
    }

    /** The hosts of the round whose levels lie closest to the host's (mean squared difference over shared signals). */
    private List<String> peers(String hostId, Map<String, HostRiskProfile> profiles, Iterable<String> inRound) {
        Map<String, Double> own = profiles.get(hostId).getLevels();
        Map<String, Double> distance = new HashMap<>();
        for (String other : inRound) {
            if (!other.equals(hostId)) {
                distance.put(other, distance(own, profiles.get(other).getLevels()));
            }
        }
        return distance.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(settings.peers())
                .map(Map.Entry::getKey)
                .toList();
    }

    private static double distance(Map<String, Double> a, Map<String, Double> b) {
        double sum = 0;
        int shared = 0;
        for (Map.Entry<String, Double> level : a.entrySet()) {
            Double other = b.get(level.getKey());
            if (other != null) {
                double d = level.getValue() - other;
                sum += d * d;
                shared++;
            }
        }
        return shared == 0 ? Double.MAX_VALUE : sum / shared;
    }

    /** Without a peer that has the signal, the host's own deviation stands. */
    private static Map<String, Double> netOfPeers(String hostId, Map<String, Map<String, Double>> deviations,
                                                  List<String> peers) {
        Map<String, Double> net = new HashMap<>();
        deviations.get(hostId).forEach((name, deviation) -> {
            double[] others = peers.stream().map(deviations::get).filter(d -> d.containsKey(name))
                    .mapToDouble(d -> d.get(name)).sorted().toArray();
            net.put(name, deviation - median(others));
        });
        return net;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * How far each signal's net deviation usually strays on this host: its own spread, shrunk toward the median
     * spread of its peers by {@link HostRiskSettings#priorRounds()} rounds against the rounds it rests on.
     */
    private Map<String, Double> scales(HostRiskProfile profile, Iterable<String> names, List<HostRiskProfile> peers) {
        double own = Math.min(spreadRounds(profile), 1 / settings.deviationAlpha());
        Map<String, Double> scales = new HashMap<>();
        for (String name : names) {
            double variance = profile.getDeviationVariances().getOrDefault(name, 0.0);
            double[] pooled = peers.stream().map(HostRiskProfile::getDeviationVariances)
                    .filter(v -> v.containsKey(name)).mapToDouble(v -> v.get(name)).sorted().toArray();
            if (pooled.length > 0 && own + settings.priorRounds() > 0) {
                variance = (own * variance + settings.priorRounds() * median(pooled)) / (own + settings.priorRounds());
            }
            scales.put(name, Math.max(settings.scaleFloor(), Math.sqrt(variance)));
        }
        return scales;
    }

    private Map<String, Double> standardize(HostRiskProfile profile, Map<String, Double> net, Map<String, Double> scales) {
        Map<String, Double> z = new HashMap<>();
        net.forEach((name, value) -> {
            double mean = profile.getDeviationMeans().getOrDefault(name, 0.0);
            z.put(name, clip((value - mean) / scales.get(name)));
        });
        return z;
    }

    private double clip(double z) {
        return Math.max(-settings.clip(), Math.min(settings.clip(), z));
    }

    private Assessment assess(HostRiskProfile profile, Map<String, Double> z, Instant at) {
        boolean scored = profile.getSamples() >= settings.warmupRounds();
        Map<String, Double> drivers = new LinkedHashMap<>();
        if (scored) {
            z.entrySet().stream()
                    .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(settings.topSignals())
                    .forEach(e -> drivers.put(e.getKey(), e.getValue()));
        }
        double raw = drivers.values().stream().mapToDouble(Math::abs).sum() / settings.topSignals() / settings.clip();
        double risk = settings.smoothing() * raw + (1 - settings.smoothing()) * profile.getRisk();
        profile.setRisk(risk);
        Transition transition = transition(profile, risk, at);
        return new Assessment(profile.getHostId(), risk, scored, drivers, transition,
                profile.getAlertingSince() != null, settled(profile));
    }

    private boolean settled(HostRiskProfile profile) {
        return spreadRounds(profile) >= settings.settledRounds();
    }

    private Transition transition(HostRiskProfile profile, double risk, Instant at) {
        AlertHysteresis.Step step = (settled(profile) ? settledRule : coldRule).next(
                new AlertHysteresis.State(profile.getAlertingSince() != null, profile.getRoundsAbove()), risk);
        if (step.transition() == Transition.RAISED) {
            profile.setAlertingSince(at);
        } else if (step.transition() == Transition.CLEARED) {
            profile.setAlertingSince(null);
        }
        profile.setRoundsAbove(step.state().roundsAbove());
        return step.transition();
    }

    /**
     * The level and the spread weigh every round alike (a running mean) until their memory holds as many rounds as
     * it remembers; then the moving weight takes over, so neither rests on fewer rounds than the host has seen. The
     * mean net deviation starts at zero, what it is by construction, and moves only at the slow weight: a fault met
     * in the first hours would otherwise be learnt as the host's normal offset. The spread counts the rounds it kept
     * over restarts, the level only those since the last.
     */
    private void learn(HostRiskProfile profile, Map<String, Double> net, Map<String, Double> deviations, Instant at) {
        long n = profile.getSamples();
        double levelWeight = Math.max(1.0 / (n + 1), settings.levelAlpha());
        double spreadWeight = Math.max(1.0 / (spreadRounds(profile) + 1), settings.deviationAlpha());
        Map<String, Double> means = profile.getDeviationMeans();
        Map<String, Double> variances = profile.getDeviationVariances();
        net.forEach((name, value) -> {
            double mean = means.getOrDefault(name, 0.0);
            double delta = value - mean;
            means.put(name, mean + settings.deviationAlpha() * delta);
            variances.put(name, (1 - spreadWeight) * (variances.getOrDefault(name, 0.0) + spreadWeight * delta * delta));
            profile.getLevels().merge(name, levelWeight * deviations.get(name), Double::sum);
        });
        profile.setSamples(n + 1);
        profile.setLastSeen(at);
    }
}
