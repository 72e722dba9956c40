package dev.foresight.domain.signals;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Shape novelty in the manner of adaptive resonance theory (the idea of ARTime, Hampton 2021, written
 * anew): the series is downsampled to about 100 points per learning period, keeping a spike's extreme
 * instead of averaging it away; the last {@value #WINDOW} points, on a scale fixed at the end of
 * learning, become a feature vector (their Haar wavelet of the window's own shape, and their levels); a
 * fuzzy-ART memory of categories either resonates with it (and learns it) or creates a new category. A
 * new category whose best match is below the lower vigilance is novel; the vigilance follows the
 * similarities seen, so what is novel is relative to the series itself. After a novelty, and while new
 * categories keep appearing, only a clearly worse match is novel again.
 *
 * <p>The range is learned, not given: NAB hands its detectors the whole file's minimum and maximum, an
 * online series has only its learning period, widened by half its span on each side. Values beyond it
 * are clipped (the range check of {@link OnlineAnomalyDetector} reports them).
 */
final class ResonanceNovelty {

    static final int WINDOW = 8;
    private static final int FEATURES = 2 * WINDOW;
    private static final int CODED = 2 * FEATURES;
    private static final int POINTS_PER_LEARNING = WINDOW * 13;
    private static final int LEVELS = 80;
    private static final double SNAP_TO_MEDIAN = 0.075;
    private static final double SPIKE_FRACTION = 0.1;
    private static final double RANGE_PADDING = 0.5;
    private static final int MEDIAN_POINTS = 256;
    private static final double FIRST_VIGILANCE = 0.8;
    private static final double MAX_UPPER_VIGILANCE = 0.97;

    private final int step;
    private final int learningPoints;
    private final int mask;
    private final float[][] categories;
    private final long[] lastUsed;
    private final double[] learned;
    private final double[] recentPoints = new double[MEDIAN_POINTS];
    private final double[] window = new double[WINDOW];
    private final double[] recentMatches;
    private final double[] shortfalls;

    private double blockSum;
    private double blockMin = Double.POSITIVE_INFINITY;
    private double blockMax = Double.NEGATIVE_INFINITY;
    private int blockCount;
    private double movingAverage = Double.NaN;
    private double low = Double.POSITIVE_INFINITY;
    private double high = Double.NEGATIVE_INFINITY;
    private boolean rangeFixed;
    private int learnedCount;
    private long pointCount;
    private long points;
    private int categoryCount;
    private double lowerVigilance;
    private double upperVigilance;
    private double matchSum;
    private long matchCount;
    private long matchSlot;
    private long shortfallSlot;
    private long lastNovelty = Long.MIN_VALUE / 2;
    private double lastNoveltyMatch;
    private long lastVigilanceUpdate;
    private boolean newCategoriesMasked;
    private int pointsWithoutNew;
    private double noveltyMatchSum;
    private int noveltyCount;

    ResonanceNovelty(DetectorSettings settings) {
        int learning = Math.max(2, settings.learningValues() - settings.learningValues() % 2);
        step = Math.max(1, Math.round((float) learning / POINTS_PER_LEARNING));
        learningPoints = Math.max(2 * WINDOW, learning / step);
        mask = WINDOW * 3 / 2;
        categories = new float[settings.categories()][];
        lastUsed = new long[settings.categories()];
        learned = new double[learningPoints];
        recentMatches = new double[learningPoints / 2 + 1];
        Arrays.fill(recentMatches, 1);
        shortfalls = new double[learningPoints + 1];
    }

    /** Learns a value; returns the novelty's confidence in (0, 1] when it is novel, else 0. */
    double update(double value) {
        if (!rangeFixed) {
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        blockSum += value;
        blockCount++;
        blockMin = Math.min(blockMin, value);
        blockMax = Math.max(blockMax, value);
        if (blockCount < step) {
            return 0;
        }
        double point = downsample();
        if (rangeFixed) {
            return consume(point);
        }
        learned[learnedCount++] = point;
        return learnedCount < learningPoints ? 0 : endLearning();
    }

    /** One point per block: its mean, unless its extreme farthest from the moving average is a spike. */
    private double downsample() {
        double mean = blockSum / blockCount;
        movingAverage = Double.isNaN(movingAverage) ? mean : (movingAverage + mean) / 2;
        double extreme = Math.abs(blockMax - movingAverage) < Math.abs(blockMin - movingAverage) ? blockMin : blockMax;
        blockSum = 0;
        blockCount = 0;
        blockMin = Double.POSITIVE_INFINITY;
        blockMax = Double.NEGATIVE_INFINITY;
        return Math.abs(extreme - mean) < SPIKE_FRACTION * Math.abs(mean) ? mean : extreme;
    }

    /** Fixes the range from the learning period and fits the memory to it, as one batch. */
    private double endLearning() {
        double span = high > low ? high - low : Math.max(Math.abs(high), 1);
        low -= RANGE_PADDING * span;
        high += RANGE_PADDING * span;
        rangeFixed = true;
        for (int i = 0; i < learnedCount; i++) {
            consume(learned[i]);
        }
        return 0;
    }

    private double consume(double point) {
        recentPoints[(int) (pointCount++ % MEDIAN_POINTS)] = point;
        double level = level(point);
        double median = level(median());
        System.arraycopy(window, 1, window, 0, WINDOW - 1);
        window[WINDOW - 1] = Math.abs(level - median) < SNAP_TO_MEDIAN ? median : level;
        points++;
        return points < WINDOW ? 0 : resonate(codedFeatures());
    }

    /** The point on the fixed range, clipped to [0, 1] and quantized, so small noise does not count. */
    private double level(double point) {
        double scaled = high > low ? (point - low) / (high - low) : 0;
        return Math.round(Math.max(0, Math.min(1, scaled)) * LEVELS) / (double) LEVELS;
    }

    private double median() {
        int n = (int) Math.min(pointCount, MEDIAN_POINTS);
        double[] sorted = Arrays.copyOf(recentPoints, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }

    /** The window's own shape as a Haar wavelet, and its levels, complement-coded for fuzzy ART. */
    private float[] codedFeatures() {
        double[] shape = unitRange(window.clone());
        double[] wavelet = unitRange(haar(shape));
        float[] coded = new float[CODED];
        for (int i = 0; i < WINDOW; i++) {
            coded[i] = (float) wavelet[i];
            coded[WINDOW + i] = (float) window[i];
        }
        for (int i = 0; i < FEATURES; i++) {
            coded[FEATURES + i] = 1 - coded[i];
        }
        return coded;
    }

    private static double[] unitRange(double[] values) {
        double min = Arrays.stream(values).min().orElse(0);
        double max = Arrays.stream(values).max().orElse(0) - min;
        for (int i = 0; i < values.length; i++) {
            values[i] = max != 0 ? (values[i] - min) / max : values[i] - min;
        }
        return values;
    }

    static double[] haar(double[] values) {
        double[] averages = values.clone();
        double[] out = new double[values.length];
        double norm = Math.sqrt(0.5);
        for (int n = values.length; n > 1; n /= 2) {
            double[] next = new double[n / 2];
            for (int i = 0; i < n / 2; i++) {
                next[i] = (averages[2 * i] + averages[2 * i + 1]) * norm;
                out[n / 2 + i] = (averages[2 * i] - averages[2 * i + 1]) * norm;
            }
            System.arraycopy(next, 0, averages, 0, n / 2);
        }
        out[0] = averages[0];
        return out;
    }

    private double resonate(float[] input) {
        int best = -1;
        double bestMatch = 0;
        double bestLevelMatch = 0;
        for (int j = 0; j < categoryCount; j++) {
            double[] match = match(input, categories[j]);
            if (match[0] > bestMatch) {
                best = j;
                bestMatch = match[0];
                bestLevelMatch = match[1];
            }
        }
        boolean learning = points <= learningPoints;
        if (learning && upperVigilance == 0) {
            upperVigilance = FIRST_VIGILANCE;
            lowerVigilance = FIRST_VIGILANCE;
        }
        boolean created = learnOrCreate(input, best, bestMatch);
        matchSum += bestMatch;
        matchCount++;
        recentMatches[(int) (matchSlot++ % recentMatches.length)] = bestMatch;
        shortfalls[(int) (shortfallSlot++ % shortfalls.length)] = upperVigilance - bestMatch;
        if (learning) {
            if (points == learningPoints) {
                upperVigilance = Math.min(MAX_UPPER_VIGILANCE, matchSum / matchCount);
                lowerVigilance = Math.min(upperVigilance, min(recentMatches));
                lastVigilanceUpdate = points;
                newCategoriesMasked = true;
            }
            return 0;
        }
        return novelty(created, bestMatch, bestLevelMatch);
    }

    /**
     * Fuzzy-ART match of an input with a category: the share of the category the input covers, cubed,
     * times the squared match of the newest level alone (so a level never seen is a poor match even in a
     * familiar shape); and that level match.
     */
    private static double[] match(float[] input, float[] category) {
        double covered = 0;
        double size = 0;
        for (int k = 0; k < CODED; k++) {
            covered += Math.min(input[k], category[k]);
            size += category[k];
        }
        int level = FEATURES - 1;
        int complement = CODED - 1;
        double levelMatch = (Math.min(input[level], category[level]) + Math.min(input[complement], category[complement]))
                / (category[level] + category[complement] + 1e-12);
        double share = covered / (size == 0 ? 1e-3 : size);
        return new double[] {share * share * share * levelMatch * levelMatch, levelMatch};
    }

    /** @return whether a category below the lower vigilance was created (a candidate novelty) */
    private boolean learnOrCreate(float[] input, int best, double bestMatch) {
        if (best >= 0 && bestMatch >= upperVigilance) {
            float[] category = categories[best];
            for (int k = 0; k < CODED; k++) {
                category[k] = Math.min(category[k], input[k]);
            }
            lastUsed[best] = points;
            return false;
        }
        int slot = categoryCount < categories.length ? categoryCount++ : leastRecentlyUsed();
        categories[slot] = input;
        lastUsed[slot] = points;
        return best < 0 || bestMatch < lowerVigilance;
    }

    private int leastRecentlyUsed() {
        int oldest = 0;
        for (int j = 1; j < categoryCount; j++) {
            oldest = lastUsed[j] < lastUsed[oldest] ? j : oldest;
        }
        return oldest;
    }

    private double novelty(boolean created, double match, double levelMatch) {
        boolean afterNovelty = points - lastNovelty <= mask;
        if (newCategoriesMasked && pointsWithoutNew >= mask) {
            newCategoriesMasked = false;
        }
        pointsWithoutNew = created ? 0 : pointsWithoutNew + 1;
        boolean worseThanLast = match < lastNoveltyMatch * (afterNovelty ? 0.9 : 0.7);
        double confidence = 0;
        if (created && (!(newCategoriesMasked || afterNovelty) || worseThanLast)) {
            confidence = confidence(match, levelMatch);
            noveltyMatchSum += match;
            noveltyCount++;
            lastNoveltyMatch = match;
            lastNovelty = points;
        }
        newCategoriesMasked |= created;
        if (points - lastNovelty == mask || points - lastVigilanceUpdate >= learningPoints / 2) {
            adaptVigilance();
        }
        return confidence;
    }

    /** How far below both vigilances the match fell, plus how foreign the newest level is. */
    private double confidence(double match, double levelMatch) {
        double capped = Math.min(0.999, match);
        double belowUpper = (upperVigilance - capped) / (1 - capped);
        double belowLower = (lowerVigilance - capped) / (1 - capped);
        return Math.min(1, 0.35 * belowUpper + 0.65 * belowLower + 1.5 * (1 - levelMatch));
    }

    /**
     * Tightens the lower vigilance towards the worst recent match when every recent match cleared it, else
     * loosens it by half the usual shortfall, never below the average novelty's match: what is novel
     * follows what the series has lately been doing.
     */
    private void adaptVigilance() {
        double worst = min(recentMatches);
        double lower;
        if (lowerVigilance <= worst) {
            lower = lowerVigilance + (worst - lowerVigilance) * 0.19;
        } else {
            lower = lowerVigilance - Math.max(0.01, points > 2L * learningPoints ? usualShortfall() : 0) / 2;
            if (noveltyCount > 0) {
                lower = Math.max(noveltyMatchSum / noveltyCount, lower);
            }
        }
        upperVigilance = Math.min(MAX_UPPER_VIGILANCE, matchSum / matchCount);
        lowerVigilance = Math.min(upperVigilance, lower);
        lastVigilanceUpdate = points;
        newCategoriesMasked = true;
    }

    private double usualShortfall() {
        double sum = 0;
        int n = 0;
        for (double shortfall : shortfalls) {
            if (shortfall > 0.05) {
                sum += Math.min(0.37, shortfall);
                n++;
            }
        }
        return n > 0 ? sum / n : 0;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(1);
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeDouble(blockSum);
        out.writeDouble(blockMin);
        out.writeDouble(blockMax);
        out.writeInt(blockCount);
        out.writeDouble(movingAverage);
        out.writeDouble(low);
        out.writeDouble(high);
        out.writeBoolean(rangeFixed);
        writeDoubles(out, learned, rangeFixed ? 0 : learnedCount);
        writeDoubles(out, recentPoints, recentPoints.length);
        out.writeLong(pointCount);
        writeDoubles(out, window, window.length);
        out.writeLong(points);
        out.writeInt(categoryCount);
        for (int j = 0; j < categoryCount; j++) {
            for (float weight : categories[j]) {
                out.writeFloat(weight);
            }
            out.writeLong(lastUsed[j]);
        }
        out.writeDouble(lowerVigilance);
        out.writeDouble(upperVigilance);
        out.writeDouble(matchSum);
        out.writeLong(matchCount);
        writeDoubles(out, recentMatches, recentMatches.length);
        out.writeLong(matchSlot);
        writeDoubles(out, shortfalls, shortfalls.length);
        out.writeLong(shortfallSlot);
        out.writeLong(lastNovelty);
        out.writeDouble(lastNoveltyMatch);
        out.writeLong(lastVigilanceUpdate);
        out.writeBoolean(newCategoriesMasked);
        out.writeInt(pointsWithoutNew);
        out.writeDouble(noveltyMatchSum);
        out.writeInt(noveltyCount);
    }

    void readFrom(DataInput in) throws IOException {
        blockSum = in.readDouble();
        blockMin = in.readDouble();
        blockMax = in.readDouble();
        blockCount = in.readInt();
        movingAverage = in.readDouble();
        low = in.readDouble();
        high = in.readDouble();
        rangeFixed = in.readBoolean();
        learnedCount = readDoubles(in, learned);
        readDoubles(in, recentPoints);
        pointCount = in.readLong();
        readDoubles(in, window);
        points = in.readLong();
        categoryCount = in.readInt();
        if (categoryCount < 0 || categoryCount > categories.length) {
            throw new IOException("resonance state holds " + categoryCount + " categories, the memory "
                    + categories.length);
        }
        for (int j = 0; j < categoryCount; j++) {
            categories[j] = new float[CODED];
            for (int k = 0; k < CODED; k++) {
                categories[j][k] = in.readFloat();
            }
            lastUsed[j] = in.readLong();
        }
        lowerVigilance = in.readDouble();
        upperVigilance = in.readDouble();
        matchSum = in.readDouble();
        matchCount = in.readLong();
        readDoubles(in, recentMatches);
        matchSlot = in.readLong();
        readDoubles(in, shortfalls);
        shortfallSlot = in.readLong();
        lastNovelty = in.readLong();
        lastNoveltyMatch = in.readDouble();
        lastVigilanceUpdate = in.readLong();
        newCategoriesMasked = in.readBoolean();
        pointsWithoutNew = in.readInt();
        noveltyMatchSum = in.readDouble();
        noveltyCount = in.readInt();
    }

    private static void writeDoubles(DataOutput out, double[] values, int count) throws IOException {
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeDouble(values[i]);
        }
    }

    /** @return how many were read; the array must hold them (its own length for fixed rings) */
    private static int readDoubles(DataInput in, double[] into) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > into.length) {
            throw new IOException("resonance state holds " + count + " values where " + into.length + " fit");
        }
        for (int i = 0; i < count; i++) {
            into[i] = in.readDouble();
        }
        return count;
    }
}
