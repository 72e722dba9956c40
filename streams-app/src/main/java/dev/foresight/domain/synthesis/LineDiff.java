package dev.foresight.domain.synthesis;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified-style diff of two texts by lines (longest common subsequence): unchanged lines start with
 * a space, removed ones with {@code -}, added ones with {@code +}. Definitions are a few dozen lines,
 * so the quadratic table is small.
 */
public final class LineDiff {

    private LineDiff() {
    }

    public static String of(String before, String after) {
        String[] a = before.isEmpty() ? new String[0] : before.split("\n", -1);
        String[] b = after.isEmpty() ? new String[0] : after.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] = a[i].equals(b[j]) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(" " + a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                lines.add("-" + a[i++]);
            } else {
                lines.add("+" + b[j++]);
            }
        }
        return String.join("\n", lines);
    }

    /** True when the diff changes nothing. */
    public static boolean unchanged(String diff) {
        return diff.lines().noneMatch(line -> line.startsWith("+") || line.startsWith("-"));
    }
}
