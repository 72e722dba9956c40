package dev.foresight.domain.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunKeysTest {

    private static final Instant T = Instant.parse("2026-01-05T08:00:00Z");

    @Test
    void shouldSortRunsOfATypeByTimeAndKeepOtherTypesOutOfItsRange() {
        String early = RunKeys.run("etl", T, "wf-z");
        String late = RunKeys.run("etl", T.plusMillis(1), "wf-a");
        String longerType = RunKeys.run("etl2", T, "wf-a");

        assertTrue(early.compareTo(late) < 0, "time before id");
        assertTrue(RunKeys.runsFrom("etl", T).compareTo(early) < 0);
        assertTrue(late.compareTo(RunKeys.runsFrom("etl", T.plusMillis(2))) < 0);
        assertTrue(longerType.compareTo(RunKeys.runsFrom("etl", T.plusSeconds(3600))) > 0,
                "a type that extends another's name sorts after all of its runs");
    }

    @Test
    void shouldSortExpiryEntriesOldestFirstWhateverTheType() {
        assertTrue(RunKeys.expiry("zzz", T, "a").compareTo(RunKeys.expiry("aaa", T.plusMillis(1), "a")) < 0);
        assertTrue(RunKeys.expiry("zzz", T, "a").compareTo(RunKeys.expiryFrom(T.plusMillis(1))) < 0);
        assertTrue(RunKeys.expiry("zzz", T.plusMillis(1), "a").compareTo(RunKeys.expiryEnd()) < 0);
    }

    @Test
    void shouldDecodeTheCursorItEncodedAndRefuseAnythingElse() {
        RunKeys.Cursor cursor = new RunKeys.Cursor(T.toEpochMilli(), "wf/1", 3);

        assertEquals(Optional.of(cursor), RunKeys.Cursor.decode(cursor.encode()));
        assertEquals(Optional.empty(), RunKeys.Cursor.decode("not base64!"));
        assertEquals(Optional.empty(), RunKeys.Cursor.decode("bm9wZQ"));
        assertEquals(Optional.empty(), RunKeys.Cursor.decode(new RunKeys.Cursor(-1, "wf", 0).encode()));
    }
}
