package dev.gauntlet.report;

import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.PercentileInterval;

/** How the views show a percentile objective's confidence bounds (figures {@code lowerBound}, {@code upperBound}). */
final class IntervalViews {
    private IntervalViews() {
    }

    /**
     * {@code "one-sided 95 % bounds 6.0 to 12.0 ms (a 90 % interval)"}, {@code "one-sided 95 % bounds 2.0 to none ms
     * (a 90 % interval)"}, or "" for a result without them: each bound holds with 95 % on its own, so together they
     * are a 90 % interval, and the views say both (the wording is {@link PercentileInterval#words}, as in the detail).
     */
    static String text(ObjectiveResult o) {
        Double confidence = o.figures().get("boundConfidencePercent");
        if (confidence == null) {
            return "";
        }
        return PercentileInterval.words(o.figures().get("lowerBound"), o.figures().get("upperBound"), confidence,
                o.unit());
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
}
