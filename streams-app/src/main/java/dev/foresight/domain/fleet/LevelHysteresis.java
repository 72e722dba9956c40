package dev.foresight.domain.fleet;

import dev.foresight.schema.commands.DemandLevel;

/**
 * Keeps the published demand level from flapping on noise. The rule: a level <b>rises at once</b> when
 * the surge factor passes its threshold (a surge must be flagged early); it <b>falls only</b> after
 * {@code releaseReports} consecutive reports whose surge factor is at or below the held level's
 * threshold times {@code (1 - releaseBand)}, and then to the level the surge factor gives. A report back inside
 * the band restarts the count. With band 0 and one report it is the raw table.
 *
 * @param releaseBand    how far below its threshold the factor must fall, as a fraction of the threshold
 * @param releaseReports how many reports in a row it must stay there
 */
public record LevelHysteresis(double releaseBand, int releaseReports) {

    /** The level held after a report, and how many reports in a row have been below its release point. */
    public record Held(DemandLevel level, int reportsBelow) {
    }

    public LevelHysteresis {
        if (releaseBand < 0 || releaseBand >= 1 || releaseReports < 1) {
            throw new IllegalArgumentException("releaseBand must be in [0, 1) and releaseReports at least 1");
        }
    }

    public static LevelHysteresis defaults() {
        return new LevelHysteresis(0.1, 3);
    }

    public static LevelHysteresis none() {
        return new LevelHysteresis(0, 1);
    }

    /** @param previous the level held before this report, or null for a fleet's first report */
    public Held next(Held previous, double surgeFactor) {
        DemandLevel raw = DemandLevels.of(surgeFactor);
        if (previous == null || raw.compareTo(previous.level()) >= 0) {
            return new Held(raw, 0);
        }
        double releaseBelow = DemandLevels.threshold(previous.level()) * (1 - releaseBand);
        if (surgeFactor > releaseBelow) {
            return new Held(previous.level(), 0);
        }
        int below = previous.reportsBelow() + 1;
        return below >= releaseReports ? new Held(raw, 0) : new Held(previous.level(), below);
    }
}
