package dev.foresight.producers;

import dev.foresight.topics.TopicSpec;
import org.apache.avro.specific.SpecificRecord;

/** Counts what passes through to the delegate. Closing it does not close the delegate. */
public final class CountingEventSink implements EventSink {

    private final EventSink delegate;
    private final EventCounters counters;

    public CountingEventSink(EventSink delegate, EventCounters counters) {
        this.delegate = delegate;
        this.counters = counters;
    }

    @Override
    public <V extends SpecificRecord> void send(TopicSpec<V> topic, String key, V value, long timestampMs) {
        delegate.send(topic, key, value, timestampMs);
        counters.increment(topic.name());
    }

    @Override
    public void flush() {
        delegate.flush();
    }
}
