package dev.gauntlet.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean …?" for a misspelt name among the known ones, for every message that lists valid names. */
public final class Names {
    private Names() {
    }

    /** {@code  (did you mean 'spike'?)} for the nearest known name, or an empty string when none is close. */
    public static String didYouMean(String wrong, Collection<String> known) {
        String w = wrong.toLowerCase(Locale.ROOT);
        return known.stream()
                .min(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))))
                .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= Math.max(2, Math.min(w.length(), k.length()) / 3))
                .map(k -> " (did you mean '" + k + "'?)")
                .orElse("");
    }

    /** The known names for a message: {@code a, b, c}, or {@code none}. */
    public static String list(Collection<String> known) {
        return known.isEmpty() ? "none" : String.join(", ", known);
    }

    /** Levenshtein distance, a swap of neighbours counting one. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
