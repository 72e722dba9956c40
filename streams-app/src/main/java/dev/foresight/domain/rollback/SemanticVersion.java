package dev.foresight.domain.rollback;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code major.minor.patch[-prerelease]}, ordered as semver orders them (a pre-release sorts before its
 * release; pre-release labels compare as text, enough for {@code rc1 < rc2}).
 */
public record SemanticVersion(int major, int minor, int patch, String preRelease) implements Comparable<SemanticVersion> {

    private static final Pattern FORMAT = Pattern.compile("v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:-([0-9A-Za-z.-]+))?");
    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor)
            .thenComparingInt(SemanticVersion::patch)
            .thenComparing(SemanticVersion::preRelease,
                    Comparator.nullsLast(Comparator.<String>naturalOrder()));

    /** Empty when the text is not a version (a part beyond {@code int} included), so callers decide what an unknown
     *  version means. */
    public static Optional<SemanticVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SemanticVersion(Integer.parseInt(m.group(1)), part(m.group(2)), part(m.group(3)),
                    m.group(4)));
        } catch (NumberFormatException beyondInt) {
            return Optional.empty();
        }
    }

    /** @param min lowest allowed, null for no floor
     *  @param max highest allowed, null for no ceiling */
    public boolean within(SemanticVersion min, SemanticVersion max) {
        return (min == null || compareTo(min) >= 0) && (max == null || compareTo(max) <= 0);
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    private static int part(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
