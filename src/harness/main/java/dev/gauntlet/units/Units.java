package dev.gauntlet.units;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of durations and rates, everywhere gauntlet reads them: environment files (timeouts, faults,
 * objectives' thresholds, {@code load.plan}), {@code load.settings} read by simulations, and the CLI.
 *
 * <ul>
 *   <li>duration: a number and a unit, {@code ms}, {@code s}, {@code m} or {@code h}: {@code 250ms}, {@code 1.5s},
 *       {@code 30s}, {@code 5m}, {@code 1h}. No unit is a mistake (is {@code 30} seconds or milliseconds?).</li>
 *   <li>rate: arrivals per second, {@code 30/s}, or a bare number {@code 30}; per minute {@code 120/m}.</li>
 *   <li>size: a number and a unit, {@code B}, {@code KB}, {@code MB} or {@code GB}, binary (1 MB = 1024 KB; KiB,
 *       MiB, GiB are the same): {@code 512MB}, {@code 1.5GB}; a growth rate of a size: {@code 20MB/h} (also
 *       {@code /m}, {@code /s}).</li>
 * </ul>
 * Parsing failures are {@link IllegalArgumentException}s whose message says what was expected and what was found;
 * callers prefix the file and field.
 */
public final class Units {
    /** A duration as a regular expression, for larger expressions such as {@code p95 < 250ms}. */
    public static final String DURATION_REGEX = "\\d+(?:\\.\\d+)?\\s*(?:ms|s|m|h)";
    /** What a duration looks like, for messages. */
    public static final String DURATION_EXAMPLES = "a duration such as 250ms, 30s or 5m (also 1.5s, 1h)";
    /** What a rate looks like, for messages. */
    public static final String RATE_EXAMPLES = "a rate in visits per second such as 30/s or 30 (or per minute: 120/m)";

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:/\\s*(s|m))?");

    private Units() {
    }

    /** What a size looks like, for messages. */
    public static final String SIZE_EXAMPLES = "a size such as 512MB, 1.5GB or 800KB (binary: 1 MB = 1024 KB)";
    /** What a growth rate of a size looks like, for messages. */
    public static final String SIZE_RATE_EXAMPLES = "a growth rate such as 20MB/h (also per minute 1MB/m, per second 4KB/s)";
    private static final String SIZE_UNIT = "(B|KB|MB|GB|KiB|MiB|GiB)";
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*" + SIZE_UNIT);
    private static final Pattern SIZE_RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*" + SIZE_UNIT + "\\s*/\\s*(s|m|h)");

    /**
     * Reads a size, in bytes.
     *
     * @throws IllegalArgumentException "expected a size such as 512MB … got '…'"
     */
    public static double bytes(String text) {
        String raw = text == null ? "" : text.trim();
        Matcher m = SIZE.matcher(raw);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + SIZE_EXAMPLES + ", got '" + raw + "'"
                    + (raw.matches("\\d+(?:\\.\\d+)?") ? " (a unit is required)" : ""));
        }
        return Double.parseDouble(m.group(1)) * sizeUnit(m.group(2));
    }

    /**
     * Reads a growth rate of a size, in bytes per hour.
     *
     * @throws IllegalArgumentException "expected a growth rate such as 20MB/h … got '…'"
     */
    public static double bytesPerHour(String text) {
        String raw = text == null ? "" : text.trim();
        Matcher m = SIZE_RATE.matcher(raw);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + SIZE_RATE_EXAMPLES + ", got '" + raw + "'");
        }
        double perUnit = Double.parseDouble(m.group(1)) * sizeUnit(m.group(2));
        return switch (m.group(3)) {
            case "s" -> perUnit * 3600;
            case "m" -> perUnit * 60;
            default -> perUnit;
        };
    }

    private static double sizeUnit(String unit) {
        return switch (unit) {
            case "B" -> 1;
            case "KB", "KiB" -> 1024;
            case "MB", "MiB" -> 1024 * 1024;
            default -> 1024.0 * 1024 * 1024;
        };
    }

    /**
     * Reads a duration.
     *
     * @throws IllegalArgumentException "expected a duration such as 250ms … got '…'"
     */
    public static Duration duration(String text) {
        String raw = text == null ? "" : text.trim();
        Matcher m = DURATION.matcher(raw);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + DURATION_EXAMPLES + ", got '" + raw + "'"
                    + (raw.matches("\\d+(?:\\.\\d+)?") ? " (a unit is required)" : ""));
        }
        double v = Double.parseDouble(m.group(1));
        double nanos = switch (m.group(2)) {
            case "ms" -> v * 1e6;
            case "s" -> v * 1e9;
            case "m" -> v * 60e9;
            default -> v * 3600e9;
        };
        return Duration.ofNanos((long) nanos);
    }

    /** Whether {@code text} is a duration. */
    public static boolean isDuration(String text) {
        return text != null && DURATION.matcher(text.trim()).matches();
    }

    /**
     * Reads a rate, in arrivals per second.
     *
     * @throws IllegalArgumentException "expected a rate in visits per second such as 30/s … got '…'"
     */
    public static double rate(String text) {
        String raw = text == null ? "" : text.trim();
        Matcher m = RATE.matcher(raw);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected " + RATE_EXAMPLES + ", got '" + raw + "'");
        }
        double v = Double.parseDouble(m.group(1));
        return "m".equals(m.group(2)) ? v / 60 : v;
    }

    /**
     * Reads a share: {@code 1%} or {@code 0.01} are both 0.01.
     *
     * @throws NumberFormatException when it is neither
     */
    public static double ratio(String text) {
        String t = text.trim();
        return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
    }

    /** A duration the way people write it back: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1.5s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms >= 1000 ? (ms / 1000.0) + "s" : ms + "ms";
    }

    /** A number the way people write it: {@code 95}, {@code 99.5}, {@code 0.125} (at most three decimals). */
    public static String formatNumber(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(Math.round(v * 1000) / 1000.0);
    }

    /** A ratio as the percentage people write: {@code 0.995} is {@code 99.5%}. */
    public static String formatPercent(double ratio) {
        return formatNumber(ratio * 100) + "%";
    }

    /** A rate the way people write it back: {@code 30/s}, {@code 2.5/s}. */
    public static String formatRate(double perSecond) {
        return (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond)
                : String.valueOf(Math.round(perSecond * 100) / 100.0)) + "/s";
    }
}
