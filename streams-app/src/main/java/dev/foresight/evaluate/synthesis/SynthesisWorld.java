package dev.foresight.evaluate.synthesis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated service with a known answer, one seed per world: a day of per-minute request rate around a
 * baseline of 100 with noise and short decoy bumps, and on most days one traffic ramp to a known peak;
 * release trains (bursts of commits) and vulnerability bursts (advisories close together). Every ramp's
 * start, need (the minute the rate first reaches {@value #NEED_RATIO} × baseline) and peak are recorded.
 * Once, between a quarter and three quarters of the way through, the test suite grows from
 * {@value #TEST_SECONDS} s to 20–30 minutes: a bottleneck whose remedy (shards of about 5 minutes) is known.
 */
final class SynthesisWorld {

    static final double BASELINE = 100;
    static final double NEED_RATIO = 1.6;
    static final double TEST_SECONDS = 600;
    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    private static final int DAY = 24 * 60;

    /** One ramp: minutes since the start of the world. */
    record Ramp(int start, int need, int peak) {
    }

    /** One minute of one series. */
    record Minute(int minute, String metric, double value) {
    }

    private final List<Minute> minutes = new ArrayList<>();
    private final List<Ramp> ramps = new ArrayList<>();
    private int suiteGrowsAt;
    private double grownTestSeconds;

    private SynthesisWorld() {
    }

    static SynthesisWorld generate(long seed, int days) {
        SynthesisWorld world = new SynthesisWorld();
        SplittableRandom random = new SplittableRandom(seed);
        for (int day = 0; day < days; day++) {
            world.day(day, random);
        }
        world.minutes.sort(java.util.Comparator.comparingInt(Minute::minute));
        // drawn after the days, so the ramps and bursts of a seed are the same as before the suite grew
        world.suiteGrowsAt = (days / 4 + random.nextInt(Math.max(1, days / 2))) * DAY + random.nextInt(DAY);
        world.grownTestSeconds = 1200 + 600 * random.nextDouble();
        return world;
    }

    private void day(int day, SplittableRandom random) {
        int base = day * DAY;
        double[] load = new double[DAY];
        java.util.Arrays.fill(load, 1);
        decoys(load, random);
        if (random.nextDouble() < 0.8) {
            ramp(base, load, random);
        }
        double noise = 0;
        for (int m = 0; m < DAY; m++) {
            noise = 0.7 * noise + 0.03 * random.nextGaussian();
            minutes.add(new Minute(base + m, "request-rate", BASELINE * load[m] * (1 + noise)));
        }
        if (random.nextDouble() < 0.3) {
            burst(base, "vulnerabilities-high", 2 + random.nextInt(3), 180, random);
        }
        if (random.nextDouble() < 0.4) {
            burst(base, "commits", 10 + random.nextInt(10), 300, random);
        }
    }

    /** Two or three bumps of 1.2–1.45 × for 4–12 minutes: what a trigger set too low fires on. */
    private static void decoys(double[] load, SplittableRandom random) {
        int count = 2 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            int at = random.nextInt(DAY - 20);
            double height = 1.2 + 0.25 * random.nextDouble();
            int length = 4 + random.nextInt(9);
            for (int m = at; m < at + length; m++) {
                load[m] = Math.max(load[m], height);
            }
        }
    }

    /** Up to 1.8–2.6 × over 20–60 minutes, held 15, down over 20. */
    private void ramp(int base, double[] load, SplittableRandom random) {
        int up = 20 + random.nextInt(41);
        double peak = 1.8 + 0.8 * random.nextDouble();
        int start = 120 + random.nextInt(DAY - 300);
        int need = -1;
        for (int m = 0; m < up + 35; m++) {
            double level = m < up ? 1 + (peak - 1) * m / up : m < up + 15 ? peak : peak - (peak - 1) * (m - up - 15) / 20;
            load[start + m] = Math.max(load[start + m], level);
            if (need < 0 && level >= NEED_RATIO) {
                need = m;
            }
        }
        ramps.add(new Ramp(base + start, base + start + need, base + start + up));
    }

    private void burst(int base, String metric, int events, int spread, SplittableRandom random) {
        int at = random.nextInt(DAY - spread);
        for (int i = 0; i < events; i++) {
            minutes.add(new Minute(base + at + random.nextInt(spread), metric, 1));
        }
    }

    List<Minute> minutes() {
        return minutes;
    }

    List<Ramp> ramps() {
        return ramps;
    }

    int suiteGrowsAt() {
        return suiteGrowsAt;
    }

    /** The unsharded test stage's duration at {@code minute}. */
    double testSeconds(int minute) {
        return minute < suiteGrowsAt ? TEST_SECONDS : grownTestSeconds;
    }

    double grownTestSeconds() {
        return grownTestSeconds;
    }

    static Instant at(int minute) {
        return START.plus(Duration.ofMinutes(minute));
    }
}
