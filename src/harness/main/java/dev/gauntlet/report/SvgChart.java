package dev.gauntlet.report;

import dev.gauntlet.load.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A small line chart over seconds of the run, as inline SVG, with the load phases as shaded bands. */
final class SvgChart {
    private static final int W = 900;
    private static final int H = 220;
    private static final int LEFT = 50;
    private static final int RIGHT = 10;
    private static final int TOP = 20;
    private static final int BOTTOM = 25;

    private record Series(String label, String color, double[] values) {
    }

    private final String title;
    private final String unit;
    private final Timeline timeline;
    private final int seconds;
    private final List<Series> series = new ArrayList<>();
    private final List<double[]> faults = new ArrayList<>();
    private final List<String> faultLabels = new ArrayList<>();

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

    String render() {
        double max = 1;
        for (Series s : series) {
            for (double v : s.values) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        max = niceCeiling(max);
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
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#c0262d\">%s</text>",
                    x0 + 2, TOP + plotH - 4, Html.escape(faultLabels.get(i))));
        }
        for (int i = 0; i <= 4; i++) {
            double v = max * i / 4;
            double y = TOP + plotH - plotH * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, W - RIGHT, y, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">%s</text>",
                    LEFT - 4, y + 3, label(v)));
        }
        for (int s = 0; s <= seconds; s += Math.max(1, seconds / 10)) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">%ds</text>",
                    x(s, plotW), H - 8, s));
        }
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
                        TOP + plotH - plotH * v / max));
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

    private double x(double second, int plotW) {
        return LEFT + plotW * second / Math.max(1, seconds);
    }

    private static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String label(double v) {
        return v >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
