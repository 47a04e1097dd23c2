package dev.gauntlet.report;

import dev.gauntlet.history.ChangePoint;
import dev.gauntlet.history.HistorySeries;
import dev.gauntlet.slo.Status;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small chart of one or two series over the runs of a history, as inline SVG: one dot per run (coloured by the
 * objective's status when known), the current run ringed and labelled, each change point a dashed line with the
 * levels before and after it, a regression objective's tolerance band shaded and its failed point ringed red.
 */
final class HistoryChart {
    private static final int W = 440;
    private static final int H = 170;
    private static final int LEFT = 46;
    private static final int RIGHT = 32;
    private static final int TOP = 22;
    private static final int BOTTOM = 28;
    private static final String[] COLORS = {"#4c78a8", "#e45756", "#54a24b", "#b279a2"};
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final String title;
    private final List<HistorySeries> series = new ArrayList<>();
    private final List<ChangePoint> points = new ArrayList<>();
    private final Map<String, Integer> runIndex;
    private final List<HistorySeries.Point> runs;
    private double[] band;
    private String bandLabel;
    private final java.util.Set<String> failed = new java.util.HashSet<>();

    /**
     * @param runIndex position of each run on the x axis, by run id (the current run last)
     * @param runs     one point per run on the x axis (for the labels: id and start)
     */
    HistoryChart(String title, Map<String, Integer> runIndex, List<HistorySeries.Point> runs) {
        this.title = title;
        this.runIndex = runIndex;
        this.runs = runs;
    }

    HistoryChart series(HistorySeries s, List<ChangePoint> changePoints) {
        series.add(s);
        changePoints.stream().filter(c -> c.series().equals(s.name())).forEach(points::add);
        return this;
    }

    /** Shades the values from {@code low} to {@code high}: a regression objective's tolerance around the earlier runs. */
    HistoryChart band(double low, double high, String label) {
        band = new double[] {Math.min(low, high), Math.max(low, high)};
        bandLabel = label;
        return this;
    }

    /** Rings this run's point of series {@code name} red: its regression objective failed. */
    HistoryChart failed(String name) {
        failed.add(name);
        return this;
    }

    String render() {
        double max = band == null ? 0 : band[1];
        for (HistorySeries s : series) {
            for (HistorySeries.Point p : s.points()) {
                max = Math.max(max, p.value());
            }
        }
        List<Double> ticks = Ticks.linear(max <= 0 ? 1 : max * 1.05, 3);
        max = ticks.get(ticks.size() - 1);
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        String unit = series.isEmpty() ? "" : series.get(0).unit();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"history-chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                + "role=\"img\" aria-label=\"%s\">", W, H, W, H, Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"13\" font-size=\"11\" font-weight=\"600\">%s</text>", LEFT,
                Html.escape(shorten(title, 58))));
        for (int i = 0; i < ticks.size(); i++) {
            double v = ticks.get(i);
            double y = y(v, plotH, max);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>",
                    LEFT, W - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" fill=\"#555\">"
                    + "%s</text>", LEFT - 3, y + 3, Ticks.label(v) + (i == ticks.size() - 1 ? " " + Html.escape(unit) : "")));
        }
        if (band != null) {
            svg.append(String.format(Locale.ROOT, "<rect class=\"tolerance\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
                    + "fill=\"#54a24b\" fill-opacity=\"0.15\"><title>%s</title></rect><text x=\"%d\" y=\"%.1f\" "
                    + "font-size=\"9\" fill=\"#2f6b2a\">%s</text>", LEFT, y(band[1], plotH, max), plotW,
                    Math.max(1, y(band[0], plotH, max) - y(band[1], plotH, max)), Html.escape(bandLabel), LEFT + 3,
                    y(band[1], plotH, max) + 9, Html.escape(bandLabel)));
        }
        int n = runs.size();
        int step = Math.max(1, (int) Math.ceil(n / 4.0));
        for (int i = 0; i < n; i += step) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\" fill=\"#555\">"
                    + "%s</text>", x(i, n, plotW), H - 14, DAY.format(runs.get(i).started())));
        }
        Map<Integer, Integer> labelsAt = new java.util.HashMap<>();
        for (ChangePoint c : points) {
            int stacked = labelsAt.merge(indexOf(c.runId()), 1, Integer::sum) - 1;
            String who = series.size() > 1 ? c.series().substring(c.series().lastIndexOf(' ') + 1) + " " : "";
            double cx = (x(indexOf(c.runId()) - 1, n, plotW) + x(indexOf(c.runId()), n, plotW)) / 2;
            svg.append(String.format(Locale.ROOT, "<line class=\"change-point\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
                            + "stroke=\"#c0262d\" stroke-dasharray=\"4 3\"><title>%s</title></line>", cx, cx, TOP, TOP + plotH,
                    Html.escape(describe(c))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"#c0262d\">%s</text>", cx + 2,
                    TOP + 9 + 10 * stacked, Html.escape(who + String.format(Locale.ROOT, "%+.0f %%", 100 * c.change()))));
        }
        boolean anyRed = series.stream().anyMatch(s -> failed.contains(s.name()) || !s.points().isEmpty()
                && indexOf(s.points().get(s.points().size() - 1).runId()) == n - 1
                && s.points().get(s.points().size() - 1).status() == Status.FAIL);
        for (int si = 0; si < series.size(); si++) {
            HistorySeries s = series.get(si);
            String color = COLORS[si % COLORS.length];
            for (ChangePoint c : points) {
                if (c.series().equals(s.name())) {
                    level(svg, s, c, n, plotW, plotH, max);
                }
            }
            StringBuilder path = new StringBuilder();
            for (HistorySeries.Point p : s.points()) {
                path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                        x(indexOf(p.runId()), n, plotW), y(p.value(), plotH, max)));
            }
            svg.append("<path fill=\"none\" stroke-width=\"1.2\" stroke=\"").append(color).append("\" d=\"")
                    .append(path).append("\"/>");
            for (HistorySeries.Point p : s.points()) {
                boolean current = indexOf(p.runId()) == n - 1;
                boolean red = current && (failed.contains(s.name()) || p.status() == Status.FAIL);
                double cx = x(indexOf(p.runId()), n, plotW);
                double cy = y(p.value(), plotH, max);
                if (red) {
                    svg.append(String.format(Locale.ROOT, "<circle class=\"failed-ring\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\" "
                            + "fill=\"none\" stroke=\"#c0262d\" stroke-width=\"2.5\"/>", cx, cy));
                }
                svg.append(String.format(Locale.ROOT, "<circle%s cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\"%s><title>%s</title>"
                                + "</circle>", current ? " class=\"current-run\"" : "", cx, cy, current ? "4.5" : "2.5",
                        failed.contains(s.name()) && current ? "#c0262d" : fill(p.status(), color),
                        current ? " stroke=\"#111\" stroke-width=\"1.5\"" : "",
                        Html.escape(p.runId() + " · " + DAY.format(p.started()) + " UTC · " + s.name() + " "
                                + label(p.value()) + " " + s.unit() + (p.status() == null ? "" : " · " + p.status()))));
                if (current && (red || si == series.size() - 1 && !anyRed)) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"end\" "
                            + "fill=\"%s\">%s</text>", x(n - 1, n, plotW) - 8, Math.max(TOP + 8, y(p.value(), plotH, max) - 6),
                            red ? "#c0262d" : "#111", red ? "this run: FAIL" : "this run"));
                }
            }
        }
        int lx = W - RIGHT;
        for (int si = series.size() - 1; si >= 0 && series.size() > 1; si--) {
            String label = series.get(si).name().substring(series.get(si).name().lastIndexOf(' ') + 1);
            lx -= 18 + 6 * label.length();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"5\" width=\"8\" height=\"8\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"13\" font-size=\"10\">%s</text>", lx, COLORS[si % COLORS.length], lx + 10,
                    Html.escape(label)));
        }
        return svg.append("</svg>").toString();
    }

    /** The levels before and after a change point, as dashed segments over their runs. */
    private void level(StringBuilder svg, HistorySeries s, ChangePoint c, int n, int plotW, int plotH, double max) {
        int at = indexOf(c.runId());
        int from = 0;
        int to = n - 1;
        for (ChangePoint o : points) {
            if (o.series().equals(s.name()) && o != c) {
                int i = indexOf(o.runId());
                if (i < at) {
                    from = Math.max(from, i);
                } else if (i > at) {
                    to = Math.min(to, i - 1);
                }
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                + "stroke-dasharray=\"2 2\"/>", x(from, n, plotW), x(at - 1, n, plotW), y(c.before(), plotH, max),
                y(c.before(), plotH, max)));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                + "stroke-dasharray=\"2 2\"/>", x(at, n, plotW), x(to, n, plotW), y(c.after(), plotH, max),
                y(c.after(), plotH, max)));
    }

    static String describe(ChangePoint c) {
        return String.format(Locale.ROOT, "%s: level shift at run %s, %s → %s %s (%+.0f %%, p = %.4f)", c.series(),
                c.runId(), label(c.before()), label(c.after()), c.unit(), 100 * c.change(), c.pValue());
    }

    private int indexOf(String runId) {
        return runIndex.getOrDefault(runId, 0);
    }

    private static double x(double index, int n, int plotW) {
        return LEFT + (n <= 1 ? plotW / 2.0 : plotW * index / (n - 1));
    }

    private static double y(double v, int plotH, double max) {
        return TOP + plotH - plotH * Math.max(0, v) / max;
    }

    private static String fill(Status status, String color) {
        if (status == null) {
            return color;
        }
        return switch (status) {
            case PASS -> "#17803d";
            case INCONCLUSIVE -> "#5a5fb0";
            case WARN -> "#b26b00";
            case FAIL -> "#c0262d";
        };
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String label(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.1f", v);
    }
}
