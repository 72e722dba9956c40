package dev.foresight.evaluate.hostrisk;

import dev.foresight.domain.hostrisk.AlertHysteresis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the topology said about a replayed file, minute by minute (minute 1 = its first row). */
final class RiskTrace {

    /**
     * The scores of one minute, and the hosts in alert at its end.
     *
     * @param settled the scored hosts whose scales had settled (the settled alert rule applied to them)
     */
    record Minute(Map<String, Double> risks, Set<String> alerting, Set<String> settled) {

        /** Whether it scored some host, and every host it scored had settled. */
        boolean allSettled() {
            return !risks.isEmpty() && settled.containsAll(risks.keySet());
        }

        boolean alarm() {
            return !alerting.isEmpty();
        }

        /** An alarm whose three riskiest hosts include a faulty one. */
        boolean correct(Set<String> faulty) {
            return alarm() && risks.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(3)
                    .anyMatch(e -> faulty.contains(e.getKey()));
        }

        double highest() {
            return risks.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    private final List<Minute> minutes = new ArrayList<>();

    void add(Map<String, Double> risks, Set<String> alerting, Set<String> settled) {
        minutes.add(new Minute(Map.copyOf(risks), Set.copyOf(alerting), Set.copyOf(settled)));
    }

    int size() {
        return minutes.size();
    }

    /** 1-based; a minute the topology never scored (warm-up, the still open last round) has no risks and no alarm. */
    Minute minute(int minute) {
        return minute >= 1 && minute <= minutes.size() ? minutes.get(minute - 1)
                : new Minute(Map.of(), Set.of(), Set.of());
    }

    List<Minute> between(int fromMinute, int toMinuteExclusive) {
        List<Minute> span = new ArrayList<>();
        for (int m = fromMinute; m < toMinuteExclusive; m++) {
            span.add(minute(m));
        }
        return Collections.unmodifiableList(span);
    }

    /** Share of the minutes with an alarm; 0 for no minutes. */
    static double alarmShare(List<Minute> minutes) {
        return minutes.isEmpty() ? 0 : minutes.stream().filter(Minute::alarm).count() / (double) minutes.size();
    }

    /**
     * Share of the minutes with any host in alert had the alerts followed {@code rule} over these minutes'
     * scores, starting with no host in alert: the scores do not depend on the rule.
     */
    static double alarmShare(List<Minute> minutes, AlertHysteresis rule) {
        return alarmShare(minutes, rule, rule);
    }

    /** The same, with {@code settledRule} for the hosts settled in a minute and {@code coldRule} for the others. */
    static double alarmShare(List<Minute> minutes, AlertHysteresis settledRule, AlertHysteresis coldRule) {
        Map<String, AlertHysteresis.State> states = new HashMap<>();
        long alarmed = 0;
        for (Minute minute : minutes) {
            minute.risks().forEach((host, risk) -> states.put(host, (minute.settled().contains(host) ? settledRule
                    : coldRule).next(states.getOrDefault(host, AlertHysteresis.State.CLEAR), risk).state()));
            alarmed += states.values().stream().anyMatch(AlertHysteresis.State::alerting) ? 1 : 0;
        }
        return minutes.isEmpty() ? 0 : alarmed / (double) minutes.size();
    }

    /** Accumulates the outputs of the minute being replayed. */
    static final class Recorder {

        private final RiskTrace trace = new RiskTrace();
        private final Set<String> alerting = new HashSet<>();
        private Map<String, Double> risks = new HashMap<>();
        private Set<String> settled = new HashSet<>();

        /** The risk of a host not yet settled. */
        void risk(String hostId, double risk) {
            risk(hostId, risk, false);
        }

        void risk(String hostId, double risk, boolean settledHost) {
            risks.put(hostId, risk);
            if (settledHost) {
                settled.add(hostId);
            }
        }

        void alert(String hostId, boolean raised) {
            if (raised) {
                alerting.add(hostId);
            } else {
                alerting.remove(hostId);
            }
        }

        void endMinute() {
            trace.add(risks, alerting, settled);
            risks = new HashMap<>();
            settled = new HashSet<>();
        }

        RiskTrace trace() {
            return trace;
        }
    }
}
