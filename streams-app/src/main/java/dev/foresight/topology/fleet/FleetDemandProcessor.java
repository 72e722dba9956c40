package dev.foresight.topology.fleet;

import dev.foresight.domain.fleet.FleetBuckets;
import dev.foresight.domain.fleet.FleetDemandTracker;
import dev.foresight.schema.events.FleetHeartbeatEvent;
import dev.foresight.schema.events.RequestMetricEvent;
import dev.foresight.schema.state.FleetBucket;
import dev.foresight.schema.state.FleetDemandState;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/** Loads the fleet's state, lets the tracker count the event and decide, stores, forwards what became due. */
final class FleetDemandProcessor implements Processor<String, SpecificRecord, String, FleetOutput> {

    private final FleetDemandTracker tracker;
    private ProcessorContext<String, FleetOutput> context;
    private KeyValueStore<String, FleetDemandState> states;
    private WindowBucketStore buckets;

    FleetDemandProcessor(FleetDemandTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public void init(ProcessorContext<String, FleetOutput> context) {
        this.context = context;
        this.states = context.getStateStore(FleetDemand.STATE_STORE);
        WindowStore<String, FleetBucket> store = context.getStateStore(FleetDemand.BUCKET_STORE);
        this.buckets = new WindowBucketStore(store);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String fleetId = record.key();
        FleetDemandTracker.Result result = tracker.record(fleetId, record.timestamp(), addition(record.value()),
                states.get(fleetId), buckets);
        states.put(fleetId, result.state());
        for (FleetDemandTracker.Outcome outcome : result.outcomes()) {
            long at = outcome.report().getIssuedAt().toEpochMilli();
            context.forward(new Record<String, FleetOutput>(fleetId, new FleetOutput.Report(outcome.report()), at));
            outcome.commands().forEach(command -> context.forward(new Record<String, FleetOutput>(
                    command.getTarget(), new FleetOutput.Command(command), at)));
        }
    }

    private static UnaryOperator<FleetBucket> addition(SpecificRecord event) {
        if (event instanceof RequestMetricEvent request) {
            return bucket -> FleetBuckets.add(bucket, request);
        }
        if (event instanceof FleetHeartbeatEvent heartbeat) {
            return bucket -> FleetBuckets.add(bucket, heartbeat);
        }
        throw new IllegalArgumentException("not a fleet event: " + event.getSchema().getFullName());
    }
}
