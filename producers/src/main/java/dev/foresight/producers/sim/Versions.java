package dev.foresight.producers.sim;

/** Semantic versions as releases bump them: mostly patches, some minors, rarely a major. */
final class Versions {

    private Versions() {
    }

    static String bump(String version, SimRandom random) {
        String[] parts = version.split("\\.");
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        int patch = Integer.parseInt(parts[2]);
        double roll = random.uniform();
        if (roll < 0.05) {
            return (major + 1) + ".0.0";
        }
        if (roll < 0.3) {
            return major + "." + (minor + 1) + ".0";
        }
        return major + "." + minor + "." + (patch + 1);
    }

    static String nextMajor(String version) {
        return (Integer.parseInt(version.split("\\.")[0]) + 1) + ".0.0";
    }
}
