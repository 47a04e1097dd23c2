package dev.gauntlet.report;

import dev.gauntlet.history.HistorySeries;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the history charts mark from this run's objective results: which charts come first (not PASS), and for each
 * regression objective its tolerance band (the earlier runs' level up to the limit it allows) and, when it failed,
 * its point — on its own chart and on its operation's p95/p99 chart of the same phase.
 */
final class HistoryMarks {
    private static final Pattern PERCENTILE = Pattern.compile("\\bp([0-9]+(?:\\.[0-9]+)?) ");
    private static final String REGRESSION = "regression";

    private final List<ObjectiveResult> objectives;

    HistoryMarks(List<ObjectiveResult> objectives) {
        this.objectives = objectives;
    }

    /** 0 for FAIL, 1 WARN, 2 INCONCLUSIVE, 3 otherwise: the chart's worst status in this run. */
    int rank(String group, List<HistorySeries> members) {
        int rank = 3;
        for (ObjectiveResult o : objectives) {
            if (o.name().equals(group) || REGRESSION.equals(o.kind()) && members.stream().anyMatch(s -> cell(s, o))) {
                rank = Math.min(rank, rank(o.status()));
            }
        }
        return rank;
    }

    /** Shades {@code s}'s tolerance band and rings its failed point on {@code chart}. */
    void mark(HistorySeries s, HistoryChart chart) {
        for (ObjectiveResult o : objectives) {
            if (!REGRESSION.equals(o.kind()) || !(o.name().equals(s.name()) || cell(s, o))) {
                continue;
            }
            Double baseline = o.figures().get("baseline");
            if (baseline != null && o.threshold() > 0) {
                chart.band(baseline, o.threshold(), String.format(Locale.ROOT, "tolerance: %s to %s %s",
                        HistoryChart.label(baseline), HistoryChart.label(o.threshold()), o.unit()));
            }
            if (o.status() == Status.FAIL) {
                chart.failed(s.name());
            }
        }
    }

    /** Whether {@code s} is the cell series (operation · phase · pNN) regression objective {@code o} judges. */
    static boolean cell(HistorySeries s, ObjectiveResult o) {
        Matcher m = PERCENTILE.matcher(o.detail() == null ? "" : o.detail());
        return m.find() && s.name().equals(o.operation() + " · " + o.phase() + " · p" + m.group(1));
    }

    private static int rank(Status status) {
        return switch (status) {
            case FAIL -> 0;
            case WARN -> 1;
            case INCONCLUSIVE -> 2;
            case PASS -> 3;
        };
    }
}
