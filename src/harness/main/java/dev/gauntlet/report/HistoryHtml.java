package dev.gauntlet.report;

import dev.gauntlet.history.ChangePoint;
import dev.gauntlet.history.HistorySeries;
import dev.gauntlet.history.RunRecord;
import dev.gauntlet.slo.ObjectiveResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The history section of {@code index.html}: each objective's measured value and each operation's p95 and p99 (per
 * phase) over the last runs of the same environment and load plan, as small inline SVG charts with the current run
 * ringed and the change points marked, and a table of those change points. Self-contained: no script, nothing
 * fetched.
 */
public final class HistoryHtml {
    /** The most runs drawn; change points are found over every run given. */
    static final int MAX_RUNS = 100;

    private HistoryHtml() {
    }

    /** Every phase of the current run's cells. */
    public static String section(List<RunRecord> earlier, RunRecord current, List<ChangePoint> points) {
        return section(earlier, current, points, phase -> true);
    }

    /**
     * @param earlier the earlier comparable runs, oldest first
     * @param current this run
     * @param points  the change points found over {@code earlier} + {@code current}
     * @param scored  which phases' latency to draw (the scored ones)
     */
    public static String section(List<RunRecord> earlier, RunRecord current, List<ChangePoint> points,
                                 Predicate<String> scored) {
        return section(earlier, current, points, scored, List.of());
    }

    /**
     * As above, with this run's objective results: charts whose objective (or whose operation's regression objective)
     * is not PASS come first, FAIL before WARN before INCONCLUSIVE; each regression objective's tolerance band is shaded
     * and its point ringed red when it failed.
     */
    public static String section(List<RunRecord> earlier, RunRecord current, List<ChangePoint> points,
                                 Predicate<String> scored, List<ObjectiveResult> objectives) {
        List<RunRecord> shown = new ArrayList<>(earlier.subList(Math.max(0, earlier.size() - (MAX_RUNS - 1)),
                earlier.size()));
        shown.add(current);
        Map<String, Integer> index = new LinkedHashMap<>();
        List<HistorySeries.Point> runs = new ArrayList<>();
        for (RunRecord r : shown) {
            index.put(r.id(), runs.size());
            runs.add(new HistorySeries.Point(r.id(), r.started(), 0));
        }
        StringBuilder h = new StringBuilder("<h2 id=\"history\">History</h2>");
        h.append(String.format(Locale.ROOT, "<p>%d earlier run%s of environment <b>%s</b> with the same load plan%s; "
                        + "this run is ringed, a dashed red line marks a change point (a level shift that stays: "
                        + "p ≤ 0.001, at least 3 runs on each side).</p>", earlier.size(), earlier.size() == 1 ? "" : "s",
                Html.escape(current.environment()), earlier.size() > shown.size() - 1
                        ? " (the last " + (shown.size() - 1) + " drawn)" : ""));
        if (earlier.isEmpty()) {
            return h.append("<p>This is the first run in the history: nothing to compare with yet.</p>").toString();
        }
        changePoints(points, h);
        List<HistorySeries> series = HistorySeries.of(shown.subList(0, shown.size() - 1), current, scored);
        Map<String, List<HistorySeries>> groups = new LinkedHashMap<>();
        series.forEach(s -> groups.computeIfAbsent(s.group(), g -> new ArrayList<>()).add(s));
        HistoryMarks marks = new HistoryMarks(objectives);
        List<Map.Entry<String, List<HistorySeries>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort(java.util.Comparator.comparingInt(e -> marks.rank(e.getKey(), e.getValue())));
        groups.clear();
        ordered.forEach(e -> groups.put(e.getKey(), e.getValue()));
        h.append("<h3>Objectives</h3><div class=\"history\">");
        groups.forEach((group, members) -> {
            if (members.get(0).name().equals(group)) {
                h.append(chart(group, members, points, index, runs, marks));
            }
        });
        h.append("</div><h3>Latency per operation and phase (p95, p99)</h3><div class=\"history\">");
        groups.forEach((group, members) -> {
            if (!members.get(0).name().equals(group)) {
                h.append(chart(group, members, points, index, runs, marks));
            }
        });
        return h.append("</div>").toString();
    }

    private static String chart(String title, List<HistorySeries> members, List<ChangePoint> points,
                                Map<String, Integer> index, List<HistorySeries.Point> runs, HistoryMarks marks) {
        HistoryChart c = new HistoryChart(title, index, runs);
        members.forEach(s -> c.series(s, points));
        members.forEach(s -> marks.mark(s, c));
        return c.render();
    }

    private static void changePoints(List<ChangePoint> points, StringBuilder h) {
        if (points.isEmpty()) {
            h.append("<p>No change point in these runs.</p>");
            return;
        }
        h.append("<table class=\"change-points\"><tr><th>series</th><th>from run</th><th>before</th><th>after</th>")
                .append("<th>change</th><th>p</th></tr>");
        for (ChangePoint c : points) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td><code>%s</code></td><td class=\"num\">%s %s</td>"
                            + "<td class=\"num\">%s %s</td><td class=\"num\">%+.0f %%</td><td class=\"num\">%.4f</td></tr>",
                    Html.escape(c.series()), Html.escape(c.runId()), HistoryChart.label(c.before()), Html.escape(c.unit()),
                    HistoryChart.label(c.after()), Html.escape(c.unit()), 100 * c.change(), c.pValue()));
        }
        h.append("</table>");
    }
}
