package dev.gauntlet.report;

import dev.gauntlet.load.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small line chart over seconds of the run, as inline SVG, with the load phases as shaded bands, the faults as red
 * bands and objectives' limits as dashed lines. Round ticks ({@link Ticks}); the view box leaves room for every label.
 */
final class SvgChart {
    private static final int LEFT = 50;
    private static final int RIGHT = 24;
    private static final int TOP = 20;
    private static final int BOTTOM = 25;
    /** A limit further above the data than this many times its largest value is named, not drawn to scale. */
    private static final double OFF_SCALE = 2.5;

    private record Series(String label, String color, double[] values) {
    }

    private record Limit(String label, double value, double from, double to) {
    }

    private final String title;
    private final String unit;
    private final Timeline timeline;
    private final int seconds;
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> faults = new ArrayList<>();
    private final List<String> faultLabels = new ArrayList<>();
    private final List<Limit> limits = new ArrayList<>();
    private final List<String> offScale = new ArrayList<>();
    private double ceiling = Double.NaN;
    private int W = 900;
    private int H = 220;

    SvgChart(String title, String unit, Timeline timeline, int seconds) {
        this.title = title;
        this.unit = unit;
        this.timeline = timeline;
        this.seconds = seconds;
    }

    SvgChart line(String label, String color, double[] values) {
        series.add(new Series(label, color, values));
        return this;
    }

    /** Shades a fault window (seconds from the start of the load). */
    SvgChart fault(String label, double fromSecond, double toSecond) {
        faults.add(new double[] {fromSecond, toSecond});
        faultLabels.add(label);
        return this;
    }

    /** Another size of the view box (small multiples). */
    SvgChart size(int width, int height) {
        W = width;
        H = height;
        return this;
    }

    /** A limit drawn as a dashed line from {@code fromSecond} to {@code toSecond} (seconds from the start). */
    SvgChart limit(String label, double value, double fromSecond, double toSecond) {
        limits.add(new Limit(label, value, fromSecond, toSecond));
        return this;
    }

    /**
     * Scales the y axis to {@code value} (and the limits near it) instead of the largest value: values above it are
     * drawn at the top (an unscored warm-up's first seconds, say).
     */
    SvgChart ceiling(double value) {
        ceiling = value;
        return this;
    }

    /** After {@link #render}: the limits too far above the data to draw to scale. */
    List<String> offScale() {
        return offScale;
    }

    String render() {
        double data = 0;
        for (Series s : series) {
            for (double v : s.values) {
                if (!Double.isNaN(v)) {
                    data = Math.max(data, v);
                }
            }
        }
        data = Double.isNaN(ceiling) ? data : ceiling;
        double top = Math.max(data, 1);
        for (Limit l : limits) {
            if (l.value <= OFF_SCALE * Math.max(data, 1)) {
                top = Math.max(top, l.value);
            }
        }
        List<Double> ticks = Ticks.linear(top, H < 200 ? 3 : 4);
        double max = ticks.get(ticks.size() - 1);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\">", W, H, Html.escape(title)));
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        boolean shade = true;
        for (Timeline.Window w : timeline.windows()) {
            double x0 = x((w.start() - timeline.startEpochMillis()) / 1000.0, plotW);
            double x1 = x((w.end() - timeline.startEpochMillis()) / 1000.0, plotW);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                    x0, TOP, Math.max(0, x1 - x0), plotH, shade ? "#eef2f7" : "#f8f9fb"));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" fill=\"#555\">%s</text>",
                    x0 + 3, TOP + 12, Html.escape(w.name())));
            shade = !shade;
        }
        for (int i = 0; i < faults.size(); i++) {
            double x0 = x(faults.get(i)[0], plotW);
            double x1 = x(Math.max(faults.get(i)[1], faults.get(i)[0] + 0.2), plotW);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#e45756\" "
                    + "fill-opacity=\"0.18\"><title>%s</title></rect>", x0, TOP, x1 - x0, plotH, Html.escape(faultLabels.get(i))));
            if (W >= 600) { // a small chart keeps the band and its tooltip: the large charts above name the faults
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#c0262d\">%s</text>",
                        x0 + 2, TOP + plotH - 4, Html.escape(faultLabels.get(i))));
            }
        }
        for (double v : ticks) {
            double y = TOP + plotH - plotH * v / max;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, W - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">%s</text>",
                    LEFT - 4, y + 3, Ticks.label(v)));
        }
        int every = (int) Ticks.step(seconds / (W < 600 ? 4.0 : 10.0));
        for (int s = 0; s <= seconds; s += Math.max(1, every)) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">%ds</text>",
                    x(s, plotW), H - 8, s));
        }
        limits(svg, plotW, plotH, max);
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < s.values.length; i++) {
                double v = s.values[i];
                if (Double.isNaN(v)) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x(i + 0.5, plotW),
                        TOP + plotH - plotH * Math.min(v, max) / max));
                pen = true;
            }
            svg.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(s.color).append("\" d=\"")
                    .append(path.toString().trim()).append("\"/>");
        }
        int lx = LEFT + 5;
        for (Series s : series) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"13\" font-size=\"11\">%s</text>", lx, s.color, lx + 14, Html.escape(s.label)));
            lx += 24 + 7 * s.label.length();
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"13\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">%s</text>",
                W - RIGHT, Html.escape(unit)));
        return svg.append("</svg>").toString();
    }

    private void limits(StringBuilder svg, int plotW, int plotH, double max) {
        offScale.clear();
        for (Limit l : limits) {
            double x0 = x(Math.max(0, l.from), plotW);
            double x1 = x(Math.min(seconds, l.to), plotW);
            if (l.value > max) {
                if (!offScale.contains(l.label)) {
                    offScale.add(l.label);
                }
                continue;
            }
            double y = TOP + plotH - plotH * l.value / max;
            svg.append(String.format(Locale.ROOT, "<line class=\"limit\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#c0262d\" stroke-dasharray=\"5 3\"><title>%s</title></line>", x0, x1, y, y,
                    Html.escape(l.label)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" "
                    + "fill=\"#c0262d\">%s</text>", x1 - 2, Math.max(TOP + 10, y - 3), Html.escape(l.label)));
        }
    }

    private double x(double second, int plotW) {
        return LEFT + plotW * second / Math.max(1, seconds);
    }
}
