package dev.gauntlet.report;

import dev.gauntlet.slo.ObjectiveResult;
import java.util.Locale;

/** How the views show a percentile objective's confidence bounds (figures {@code lowerBound}, {@code upperBound}). */
final class IntervalViews {
    private IntervalViews() {
    }

    /** {@code "95 % bounds 6.0 to 12.0 ms"}, {@code "95 % bounds 2.0 to none ms"}, or "" for a result without them. */
    static String text(ObjectiveResult o) {
        Double confidence = o.figures().get("boundConfidencePercent");
        if (confidence == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f %% bounds %s to %s %s", confidence, bound(o.figures().get("lowerBound")),
                bound(o.figures().get("upperBound")), o.unit());
    }

    /** For the console's objective row: two spaces and the bounds, or "". */
    static String console(ObjectiveResult o) {
        String t = text(o);
        return t.isEmpty() ? "" : "  " + t;
    }

    /** For the measured cell of index.html: the bounds on a line of their own, or "". */
    static String html(ObjectiveResult o) {
        String t = text(o);
        return t.isEmpty() ? "" : "<br><small class=\"bounds\">" + Html.escape(t) + "</small>";
    }

    private static String bound(Double v) {
        return v == null ? "none" : String.format(Locale.ROOT, "%.1f", v);
    }
}
