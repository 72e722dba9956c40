package dev.foresight.domain.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlaWindowsTest {

    private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    @Test
    void shouldShareOutPassedChecksOverTheHourAndTheDay() {
        SlaWindows sla = SlaWindows.empty();
        for (int i = 0; i < 1000; i++) {
            sla = sla.record(T0.plusSeconds(3L * i), i != 500);
        }
        Instant end = T0.plusSeconds(3000);
        assertEquals(0.999, sla.availability(SlaWindows.HOUR, end), 1e-9);
        assertEquals(0.999, sla.availability(SlaWindows.DAY, end), 1e-9);
    }

    @Test
    void shouldForgetTheHourWindowAfterAnHourButKeepTheDay() {
        SlaWindows sla = SlaWindows.empty().record(T0, false).record(T0.plus(Duration.ofMinutes(90)), true);
        Instant now = T0.plus(Duration.ofMinutes(90));
        assertEquals(1.0, sla.availability(SlaWindows.HOUR, now), 1e-9);
        assertEquals(0.5, sla.availability(SlaWindows.DAY, now), 1e-9);
        assertEquals(61, sla.record(now.plus(Duration.ofMinutes(1)), true).minutes().size() + 59,
                "buckets older than an hour are dropped");
    }

    @Test
    void shouldReportFullAvailabilityBeforeAnyCheck() {
        assertEquals(1.0, SlaWindows.empty().availability(SlaWindows.DAY, T0));
    }
}
