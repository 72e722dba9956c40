package dev.foresight.domain.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskScorer.Assessment;
import dev.foresight.domain.hostrisk.AlertHysteresis.Transition;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.common.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** The score of an assessed host, and the alert when its risk crossed a threshold. */
public final class HostRiskOutputs {

    public static final String ALERT_KIND = "host-risk";
    public static final String MADE_BY = "host-risk-peer-baseline";
    public static final String VERSION = "v1";

    private final HostRiskSettings settings;

    public HostRiskOutputs(HostRiskSettings settings) {
        this.settings = settings;
    }

    /** Nothing while the host warms up: a zero there would read as "known safe". */
    public List<SpecificRecord> of(String serviceId, Assessment assessment, Instant at) {
        List<SpecificRecord> out = new ArrayList<>();
        if (!assessment.scored()) {
            return out;
        }
        Decision decision = decision(assessment);
        out.add(new RiskScore(assessment.hostId(), null, at, assessment.risk(), decision, null));
        if (assessment.transition() != Transition.NONE) {
            out.add(alert(serviceId, assessment, decision, at));
        }
        return out;
    }

    private Decision decision(Assessment assessment) {
        Map<String, Double> inputs = new HashMap<>();
        assessment.drivers().forEach((name, z) -> inputs.put("z." + name, z));
        inputs.put("risk", assessment.risk());
        inputs.put(HostRiskScorer.ALERTING_INPUT, assessment.alerting() ? 1.0 : 0.0);
        inputs.put(HostRiskScorer.SETTLED_INPUT, assessment.settled() ? 1.0 : 0.0);
        AlertHysteresis rule = rule(assessment);
        return Decision.newBuilder().setMadeBy(MADE_BY).setVersion(VERSION).setInputs(inputs)
                .setThresholds(Map.of("alert", rule.alertThreshold(), "exit", rule.exitThreshold(),
                        "alertRounds", (double) settings.alertRounds()))
                .setConfidence(null)
                .setExplanation("mean |z| of the " + settings.topSignals() + " signals furthest from the host's level "
                        + "net of its " + settings.peers() + " closest peers, over the clip " + settings.clip())
                .build();
    }

    private AlertHysteresis rule(Assessment assessment) {
        return assessment.settled() ? settings.hysteresis() : settings.coldHysteresis();
    }

    private Alert alert(String serviceId, Assessment assessment, Decision decision, Instant at) {
        boolean raised = assessment.transition() == Transition.RAISED;
        AlertHysteresis rule = rule(assessment);
        String drivers = assessment.drivers().entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s z=%+.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        String message = raised
                ? String.format(Locale.ROOT, "host %s of %s: failure risk %.2f, at or above %.2f for %d round(s); "
                        + "furthest from normal: %s", assessment.hostId(), serviceId, assessment.risk(),
                        rule.alertThreshold(), settings.alertRounds(), drivers)
                : String.format(Locale.ROOT, "host %s of %s: failure risk %.2f fell below %.2f",
                        assessment.hostId(), serviceId, assessment.risk(), rule.exitThreshold());
        return Alert.newBuilder()
                .setAlertId(String.join("/", ALERT_KIND, assessment.hostId(), raised ? "raised" : "cleared",
                        Long.toString(at.toEpochMilli())))
                .setIssuedAt(at)
                .setKind(ALERT_KIND)
                .setSeverity(raised ? AlertSeverity.WARNING : AlertSeverity.INFO)
                .setSubject(assessment.hostId())
                .setMessage(message)
                .setExpected(raised ? rule.alertThreshold() : rule.exitThreshold())
                .setActual(assessment.risk())
                .setDecision(decision)
                .build();
    }
}
