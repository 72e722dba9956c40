package dev.foresight.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadInstanceFencerTest {

    private static final String LIVE = "0b5e6c1e-2a4f-4c59-9f3e-0d1c2b3a4f5e";
    private static final String DEAD = "7f00aa11-9c2d-4e6b-8a10-5b4c3d2e1f00";

    private static String consumer(String app, String process, int thread) {
        return app + "-" + process + "-StreamThread-" + thread + "-consumer";
    }

    @Test
    void shouldFenceTheTransactionsOfAProcessThatNoMemberHas() {
        Set<String> dead = DeadInstanceFencer.deadTransactionalIds("foresight",
                List.of(consumer("foresight", LIVE, 1), consumer("foresight", LIVE, 2)),
                List.of("foresight-" + LIVE + "-1", "foresight-" + DEAD + "-1", "foresight-" + DEAD + "-2"));
        assertEquals(Set.of("foresight-" + DEAD + "-1", "foresight-" + DEAD + "-2"), dead);
    }

    @Test
    void shouldNeverFenceAnotherApplicationsTransactions() {
        Set<String> dead = DeadInstanceFencer.deadTransactionalIds("foresight",
                List.of(consumer("foresight", LIVE, 1)),
                List.of("foresight-replay-" + DEAD + "-1", "payments-" + DEAD + "-1", "foresight-" + DEAD,
                        "foresight-" + DEAD + "-1-x"));
        assertEquals(Set.of(), dead);
    }

    @Test
    void shouldQuoteTheApplicationIdSoItsDotsAreNotWildcards() {
        Set<String> dead = DeadInstanceFencer.deadTransactionalIds("app.one",
                List.of(consumer("app.one", LIVE, 1)), List.of("appXone-" + DEAD + "-1", "app.one-" + DEAD + "-1"));
        assertEquals(Set.of("app.one-" + DEAD + "-1"), dead);
    }

    @Test
    void shouldFenceNothingWhenAMemberDoesNotNameItsProcess() {
        Set<String> dead = DeadInstanceFencer.deadTransactionalIds("foresight",
                List.of(consumer("foresight", LIVE, 1), "my-client-StreamThread-1-consumer"),
                List.of("foresight-" + DEAD + "-1"));
        assertEquals(Set.of(), dead);
    }
}
