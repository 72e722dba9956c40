package dev.foresight.topology;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class DecodedStatesTest {

    private final AtomicInteger decodes = new AtomicInteger();
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void setUp() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("states"), Serdes.String(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private DecodedStates<StringBuilder> states(int capacity) {
        return new DecodedStates<>(store, state -> state.toString().getBytes(StandardCharsets.UTF_8), capacity);
    }

    private StringBuilder get(DecodedStates<StringBuilder> states, String key) {
        return states.get(key, bytes -> {
            decodes.incrementAndGet();
            return new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
        }, StringBuilder::new);
    }

    @Test
    void shouldDecodeAStoredStateOnceAndWriteEveryChangeThrough() {
        store.put("a", "x".getBytes(StandardCharsets.UTF_8));
        DecodedStates<StringBuilder> states = states(8);

        StringBuilder first = get(states, "a");
        first.append('y');
        states.put("a", first);
        StringBuilder second = get(states, "a");

        assertSame(first, second);
        assertEquals(1, decodes.get());
        assertArrayEquals("xy".getBytes(StandardCharsets.UTF_8), store.get("a"));
    }

    @Test
    void shouldStartFreshWhenTheStoreHoldsNothing() {
        assertEquals("", get(states(8), "new").toString());
        assertEquals(0, decodes.get());
    }

    @Test
    void shouldDecodeAgainAfterAFailedUpdateWasForgotten() {
        DecodedStates<StringBuilder> states = states(8);
        states.put("a", new StringBuilder("kept"));
        get(states, "a").append("-half-done");
        states.forget("a");

        assertEquals("kept", get(states, "a").toString());
        assertEquals(1, decodes.get());
    }

    @Test
    void shouldDecodeTheLeastRecentlyUsedAgainBeyondItsCapacity() {
        DecodedStates<StringBuilder> states = states(2);
        states.put("a", new StringBuilder("1"));
        states.put("b", new StringBuilder("2"));
        get(states, "a");
        states.put("c", new StringBuilder("3"));

        get(states, "a");
        assertEquals(0, decodes.get(), "a was used more recently than b");
        assertEquals("2", get(states, "b").toString());
        assertEquals(1, decodes.get());
    }
}
