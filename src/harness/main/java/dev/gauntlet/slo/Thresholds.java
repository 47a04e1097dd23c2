package dev.gauntlet.slo;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one place an objective result's threshold and values are written out, for the console, index.html and
 * junit.xml alike: the comparator and limit as the user wrote them ({@code < 150 ms}, {@code >= 95 %}), counts as
 * whole numbers; a count that must stay zero in words ({@code none may fail}, {@code no write lost}), never as
 * {@code < 1 failed}. report.json keeps the numbers ({@code comparator}, {@code threshold}).
 */
public final class Thresholds {
    /** Units that count things: their values are whole numbers. */
    private static final Set<String> COUNTS = Set.of("failed", "writes", "answers", "expired");

    /** What a count that must stay zero says, by its unit: security probes, lost writes, caching breaches, findings. */
    private static final Map<String, String> NONE = Map.of("failed", "none may fail", "writes", "no write lost",
            "answers", "no answer may break it", "expired", "none may be expired");

    private Thresholds() {
    }

    /**
     * The threshold with its comparator and unit: {@code < 150 ms}, {@code >= 95 %}; a count that must stay zero
     * ({@code < 1 failed}, {@code <= 0 writes}) in words: {@code none may fail}, {@code no write lost}; {@code -} when
     * nothing was measured and there is no limit yet (a regression without enough history).
     */
    public static String limit(ObjectiveResult o) {
        if (mustBeZero(o)) {
            return NONE.get(o.unit());
        }
        if (o.measured() == null && o.threshold() == 0) {
            return "-";
        }
        return o.comparator().symbol() + " " + written(o.threshold(), o.unit());
    }

    /**
     * Whether {@code o} counts things none of which may happen: {@code < 1} or {@code <= 0} of a count (and the
     * findings baseline's {@code < 0 expired}, which only an expired finding makes).
     */
    static boolean mustBeZero(ObjectiveResult o) {
        return NONE.containsKey(o.unit()) && (o.comparator() == Comparison.BELOW && o.threshold() <= 1
                || o.comparator() == Comparison.AT_MOST && o.threshold() < 1);
    }

    /** A limit as a user writes it: {@code 150 ms}, {@code 95 %}, {@code 0.5 %}, {@code 1 failed}. */
    public static String written(double v, String unit) {
        return (v == Math.rint(v) ? Long.toString((long) v) : String.valueOf(v)) + " " + unit;
    }

    /** A value in its unit: {@code 12.5 ms}, {@code 3 failed}; {@code -} for none. */
    public static String value(Double v, String unit) {
        if (v == null) {
            return "-";
        }
        if (COUNTS.contains(unit) && v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%d %s", v.longValue(), unit);
        }
        return String.format(Locale.ROOT, "%.1f %s", v, unit);
    }

    /** {@code measured 10.0 ms, threshold < 150.0 ms, margin 140.0 ms}: the evidence line of a check. */
    public static String evidence(ObjectiveResult o) {
        return "measured " + value(o.measured(), o.unit()) + ", threshold " + limit(o) + ", margin "
                + value(o.margin(), o.unit());
    }
}
