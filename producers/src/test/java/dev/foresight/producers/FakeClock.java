package dev.foresight.producers;

import java.util.ArrayList;
import java.util.List;

/** A wall clock that only moves when the pacer sleeps, so pacing tests neither sleep nor flake. */
public final class FakeClock {

    private long nowMs = 1_000_000;
    private final List<Long> sleeps = new ArrayList<>();

    public long now() {
        return nowMs;
    }

    public void sleep(long millis) {
        sleeps.add(millis);
        nowMs += millis;
    }

    public long totalSleptMs() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }

    public List<Long> sleeps() {
        return sleeps;
    }

    public Pacer pacer(Speedup speedup) {
        return new Pacer(speedup, this::now, this::sleep);
    }
}
