package dev.foresight.producers;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Events sent per topic; safe to read from another thread while a run is in progress. */
public final class EventCounters {

    private final Map<String, LongAdder> byTopic = new ConcurrentHashMap<>();

    public void increment(String topic) {
        byTopic.computeIfAbsent(topic, name -> new LongAdder()).increment();
    }

    public long count(String topic) {
        LongAdder adder = byTopic.get(topic);
        return adder == null ? 0 : adder.sum();
    }

    public long total() {
        return byTopic.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Topic name → events sent, sorted by topic name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        byTopic.forEach((topic, adder) -> copy.put(topic, adder.sum()));
        return copy;
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
