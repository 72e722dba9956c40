package dev.foresight.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The decoded form of a processor's byte-valued states, kept beside the store so that a state is decoded
 * once per processor life rather than on every update: decoding a series' detector or forecaster was a
 * sixth of the stream thread (the profile in the README's benchmark section). The store stays the truth:
 * every change is still written through with {@link #put}, so a commit, a restore or a standby sees
 * exactly what it saw before. A processor makes a new instance in {@code init()} (after a restore the
 * store may hold another state than this copy), and a failed update calls {@link #forget} so a
 * half-updated object is never reused. The least recently used entries go beyond {@code capacity}.
 *
 * @param <T> the decoded, mutable state
 */
public final class DecodedStates<T> {

    private final KeyValueStore<String, byte[]> store;
    private final Function<T, byte[]> encode;
    private final Map<String, T> decoded;

    public DecodedStates(KeyValueStore<String, byte[]> store, Function<T, byte[]> encode, int capacity) {
        this.store = store;
        this.encode = encode;
        this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The state of {@code key}: the decoded copy, else the store's value decoded, else {@code fresh}. */
    public T get(String key, Function<byte[], T> decode, Supplier<T> fresh) {
        T state = decoded.get(key);
        if (state == null) {
            byte[] stored = store.get(key);
            state = stored == null ? fresh.get() : decode.apply(stored);
            decoded.put(key, state);
        }
        return state;
    }

    /** Writes {@code state} through to the store. */
    public void put(String key, T state) {
        store.put(key, encode.apply(state));
        decoded.put(key, state);
    }

    /** Drops the decoded copy of {@code key}, e.g. when an update failed half way. */
    public void forget(String key) {
        decoded.remove(key);
    }
}
