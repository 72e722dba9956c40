package dev.foresight.producers.sim;

import java.time.Duration;

/**
 * When the orchestrated services of the simulation misbehave, relative to the start of each cycle.
 *
 * @param cycle           the scenario repeats every cycle
 * @param databaseOutage  when the root service (the one nothing else is below) goes down, for {@code outageLength}
 * @param flappingFrom    when the flapping service starts going down for {@code flapDown} and up for {@code flapUp}, {@code flaps} times
 * @param greenFrom       when a new version of the blue-green service appears in its green slot
 * @param badGreenAfter   how long that green stays healthy before failing (in even cycles; in odd ones it fails on its second check)
 */
public record ServiceFaults(Duration cycle, Duration databaseOutage, Duration outageLength, Duration flappingFrom,
                            Duration flapDown, Duration flapUp, int flaps, Duration greenFrom, Duration badGreenAfter) {

    /** Every 30 minutes: a 40 s database outage at 3 min, bot flapping 5 times from 10 min, a green frontend at 18 min. */
    public static ServiceFaults defaults() {
        return new ServiceFaults(Duration.ofMinutes(30), Duration.ofMinutes(3), Duration.ofSeconds(40),
                Duration.ofMinutes(10), Duration.ofSeconds(15), Duration.ofSeconds(20), 5, Duration.ofMinutes(18),
                Duration.ofSeconds(30));
    }
}
