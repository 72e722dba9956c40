package dev.foresight.topology.hostrisk;

import dev.foresight.domain.hostrisk.HostRiskOutputs;
import dev.foresight.domain.hostrisk.HostRiskScorer;
import dev.foresight.domain.hostrisk.HostRiskScorer.Assessment;
import dev.foresight.domain.hostrisk.HostSignals;
import dev.foresight.schema.events.TelemetryEvent;
import dev.foresight.schema.state.HostRiskProfile;
import dev.foresight.schema.state.HostRiskRound;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Collects the samples of a service's hosts into rounds and scores a round when the first sample of a later
 * one arrives. A sample of an earlier round than the open one joins the open one: one late minute is not worth
 * re-scoring a closed round for.
 */
final class HostRiskProcessor implements Processor<String, TelemetryEvent, String, SpecificRecord> {

    private final HostRiskScorer scorer;
    private final HostRiskOutputs outputs;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, HostRiskRound> rounds;
    private KeyValueStore<String, HostRiskProfile> profiles;

    HostRiskProcessor(HostRiskScorer scorer) {
        this.scorer = scorer;
        this.outputs = new HostRiskOutputs(scorer.settings());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        rounds = context.getStateStore(HostRiskScoring.ROUND_STORE);
        profiles = context.getStateStore(HostRiskScoring.PROFILE_STORE);
    }

    @Override
    public void process(Record<String, TelemetryEvent> record) {
        TelemetryEvent sample = record.value();
        String serviceId = record.key();
        long roundMillis = scorer.settings().round().toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(record.timestamp(), roundMillis) * roundMillis);
        HostRiskRound open = rounds.get(serviceId);
        if (open != null && start.isAfter(open.getStart())) {
            close(open);
            open = null;
        }
        if (open == null) {
            open = new HostRiskRound(serviceId, start, new HashMap<>());
        }
        open.getSamples().put(sample.getHostId(), HostSignals.of(sample));
        rounds.put(serviceId, open);
    }

    private void close(HostRiskRound round) {
        String serviceId = round.getServiceId();
        Map<String, HostRiskProfile> known = new HashMap<>();
        round.getSamples().keySet().forEach(hostId -> {
            HostRiskProfile profile = profiles.get(key(serviceId, hostId));
            if (profile != null) {
                known.put(hostId, profile);
            }
        });
        Instant at = round.getStart();
        for (Assessment assessment : scorer.score(serviceId, at, round.getSamples(), known)) {
            HostRiskProfile profile = known.get(assessment.hostId());
            profiles.put(key(serviceId, assessment.hostId()), profile);
            outputs.of(serviceId, assessment, at).forEach(out ->
                    context.forward(new Record<>(assessment.hostId(), out, at.toEpochMilli())));
        }
    }

    static String key(String serviceId, String hostId) {
        return serviceId + "/" + hostId;
    }
}
