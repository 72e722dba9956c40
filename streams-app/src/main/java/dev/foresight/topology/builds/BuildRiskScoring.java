package dev.foresight.topology.builds;

import dev.foresight.domain.builds.BuildRiskSettings;
import dev.foresight.schema.commands.Alert;
import dev.foresight.schema.commands.AlertSeverity;
import dev.foresight.schema.commands.RiskScore;
import dev.foresight.schema.events.PipelineEvent;
import dev.foresight.topology.Sinks;
import java.util.Locale;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Live build-failure risk: every {@code BuildStarted} is scored before the build finishes, every
 * {@code BuildFinished} teaches the model of its service (one model per service, next to its pipeline
 * events, which are keyed by service: no repartition).
 *
 * <p>Input: validated pipeline events. Stores: {@value BuildRiskProcessor#TRACKER_STORE} (each service's
 * model and alert threshold), {@value BuildRiskProcessor#PENDING_STORE} (started builds awaiting their
 * outcome). Outputs: a {@link RiskScore} per started build on the risk topic ({@code hostId} = the service,
 * {@code buildId} set), an {@link Alert} (kind {@code build-risk}) on the alert topic when the score is at
 * or above the threshold chosen online.
 */
public final class BuildRiskScoring {

    static final String MODEL = "builds-risk-model";

    private final BuildRiskSettings settings;
    private final BuildRiskTopics topics;

    public BuildRiskScoring(BuildRiskSettings settings, BuildRiskTopics topics) {
        this.settings = settings;
        this.topics = topics;
    }

    public void build(KStream<String, PipelineEvent> pipelines) {
        KStream<String, RiskScore> risks = pipelines.process(new BuildRiskProcessor(settings), Named.as("builds-risk"));
        risks.to(topics.riskScores().name(), Sinks.produced(topics.riskScores(), "builds-risk-sink"));
        risks.filter((service, risk) -> risk.getScore() >= risk.getDecision().getThresholds().get("alert"),
                        Named.as("builds-risk-high"))
                .mapValues(BuildRiskScoring::alert, Named.as("builds-risk-alert"))
                .to(topics.alerts().name(), Sinks.produced(topics.alerts(), "builds-risk-alert-sink"));
    }

    static Alert alert(RiskScore risk) {
        double threshold = risk.getDecision().getThresholds().get("alert");
        return Alert.newBuilder().setAlertId("build-risk/" + risk.getBuildId()).setIssuedAt(risk.getIssuedAt())
                .setKind("build-risk").setSeverity(AlertSeverity.WARNING).setSubject(risk.getHostId())
                .setMessage(String.format(Locale.ROOT, "build %s of %s is likely to fail: risk %.2f, alert at %.2f",
                        risk.getBuildId(), risk.getHostId(), risk.getScore(), threshold))
                .setExpected(threshold).setActual(risk.getScore()).setDecision(risk.getDecision()).build();
    }
}
