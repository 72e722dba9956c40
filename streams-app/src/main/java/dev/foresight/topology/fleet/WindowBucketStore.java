package dev.foresight.topology.fleet;

import dev.foresight.domain.fleet.FleetDemandTracker;
import dev.foresight.schema.state.FleetBucket;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/** The tracker's buckets in a window store: the window start is the bucket start, retention drops old ones. */
final class WindowBucketStore implements FleetDemandTracker.BucketStore {

    private final WindowStore<String, FleetBucket> store;

    WindowBucketStore(WindowStore<String, FleetBucket> store) {
        this.store = store;
    }

    @Override
    public FleetBucket get(String fleetId, long bucketStart) {
        return store.fetch(fleetId, bucketStart);
    }

    @Override
    public void put(String fleetId, long bucketStart, FleetBucket bucket) {
        store.put(fleetId, bucket, bucketStart);
    }

    @Override
    public List<FleetBucket> range(String fleetId, long fromMs, long toMs) {
        List<FleetBucket> buckets = new ArrayList<>();
        try (WindowStoreIterator<FleetBucket> it = store.fetch(fleetId, fromMs, toMs - 1)) {
            it.forEachRemaining(kv -> buckets.add(kv.value));
        }
        return buckets;
    }
}
