package dev.gauntlet.report;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.ObjectiveResult;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The latency pictures of index.html: each operation's latency over time as small multiples, with every latency
 * objective's limit on it drawn as a dashed line over the phase it scores; the response-time distribution per phase
 * ({@link PercentilePlot}); and the requests in flight over time. Inline SVG, no script.
 */
final class LatencyCharts {
    private static final Pattern PERCENTILE = Pattern.compile("^p([0-9.]+) of ");
    private static final int SMALL_W = 440;
    private static final int SMALL_H = 170;

    private LatencyCharts() {
    }

    static void html(Report r, LoadResults load, StringBuilder h) {
        if (load.operations().isEmpty() && load.cells().isEmpty()) {
            return;
        }
        perOperation(r, load, h);
        h.append("<h3>Response-time distribution per phase</h3>");
        h.append(PercentilePlot.of(load));
        TimeSeries all = new TimeSeries(load);
        h.append("<h3>Requests in flight</h3><p>Mean requests waiting for an answer in each second (Little's law: the ")
                .append("seconds of latency of the requests answered in it).</p>");
        h.append(Html.chart("requests in flight", "requests", load, all, r.faults())
                .line("in flight", "#4c78a8", all.inFlight).render());
    }

    private static void perOperation(Report r, LoadResults load, StringBuilder h) {
        List<String> operations = load.cells().stream().map(LoadResults.Cell::operation).distinct().sorted().toList();
        h.append("<h3>Latency per operation</h3><p>p50, p95 and p99 per second of each operation's answered requests ")
                .append("(429 left out); a dashed red line is a latency objective's limit over the phase it scores.</p>")
                .append("<div class=\"multiples\">");
        for (String op : operations) {
            TimeSeries t = new TimeSeries(load, i -> i.operation().equals(op));
            SvgChart c = Html.chart(op, "ms", load, t, r.faults()).size(SMALL_W, SMALL_H)
                    .line("p50", "#4c78a8", t.p50).line("p95", "#f58518", t.p95).line("p99", "#e45756", t.p99);
            for (ObjectiveResult o : r.objectives()) {
                if ("latency".equals(o.kind()) && (op.equals(o.operation()) || "all".equals(o.operation()))) {
                    double[] span = span(load.timeline(), o.phase());
                    c.limit(limit(o), o.threshold(), span[0], span[1]);
                }
            }
            c.ceiling(scoredMax(load.timeline(), t.p99));
            h.append("<figure><figcaption>").append(Html.escape(op)).append("</figcaption>").append(c.render());
            if (!c.offScale().isEmpty()) {
                h.append("<p class=\"limits\">limits far above: ").append(Html.escape(grouped(c.offScale())))
                        .append("</p>");
            }
            h.append("</figure>");
        }
        h.append("</div>");
    }

    /** {@code p99 < 500 ms (baseline), p99 < 500 ms (recovery)} as {@code p99 < 500 ms (baseline, recovery)}. */
    static String grouped(List<String> limits) {
        java.util.Map<String, List<String>> phases = new java.util.LinkedHashMap<>();
        for (String l : limits) {
            int open = l.endsWith(")") ? l.lastIndexOf(" (") : -1;
            List<String> in = phases.computeIfAbsent(open < 0 ? l : l.substring(0, open), k -> new java.util.ArrayList<>());
            if (open >= 0) {
                in.add(l.substring(open + 2, l.length() - 1));
            }
        }
        List<String> out = new java.util.ArrayList<>();
        phases.forEach((limit, in) -> out.add(in.isEmpty() ? limit : limit + " (" + String.join(", ", in) + ")"));
        return String.join("; ", out);
    }

    /** The largest value in the scored phases' seconds (all seconds when none is scored): what the y axis shows. */
    static double scoredMax(Timeline t, double[] values) {
        double max = 0;
        boolean anyScored = t.windows().stream().anyMatch(Timeline.Window::scored);
        for (Timeline.Window w : t.windows()) {
            if (w.scored() || !anyScored) {
                int from = (int) ((w.start() - t.startEpochMillis()) / 1000);
                int to = (int) Math.min(values.length, (w.end() - t.startEpochMillis()) / 1000);
                for (int s = Math.max(0, from); s < to; s++) {
                    max = Double.isNaN(values[s]) ? max : Math.max(max, values[s]);
                }
            }
        }
        return max;
    }

    /** {@code p95 < 150 ms} (the percentile read from the result's detail), or the objective's name and limit. */
    static String limit(ObjectiveResult o) {
        Matcher m = PERCENTILE.matcher(o.detail() == null ? "" : o.detail());
        String what = m.find() ? "p" + m.group(1) : o.name();
        return String.format(Locale.ROOT, "%s %s %s %s%s", what, o.comparator().symbol(), Ticks.label(o.threshold()),
                o.unit(), "all".equals(o.phase()) ? "" : " (" + o.phase() + ")");
    }

    /** Seconds from the load's start that {@code phase} covers; {@code all} (or unknown): the scored phases. */
    private static double[] span(Timeline t, String phase) {
        double from = Double.MAX_VALUE;
        double to = 0;
        for (Timeline.Window w : t.windows()) {
            if (w.name().equals(phase) || !t.windows().stream().anyMatch(x -> x.name().equals(phase)) && w.scored()) {
                from = Math.min(from, (w.start() - t.startEpochMillis()) / 1000.0);
                to = Math.max(to, (w.end() - t.startEpochMillis()) / 1000.0);
            }
        }
        return from == Double.MAX_VALUE ? new double[] {0, (t.endEpochMillis() - t.startEpochMillis()) / 1000.0}
                : new double[] {from, to};
    }
}
