package dev.gauntlet.report;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The response-time distribution of each phase as a percentile plot (HdrHistogram's): x the percentile from 50 to
 * 99.99 on a log scale of 1 / (1 − p), y the latency in ms on a log scale; read from the recorded histograms, 429
 * answers left out.
 */
final class PercentilePlot {
    private static final int W = 900;
    private static final int H = 260;
    private static final int LEFT = 56;
    private static final int RIGHT = 28;
    private static final int TOP = 24;
    private static final int BOTTOM = 30;
    private static final double[] X_TICKS = {50, 90, 99, 99.9, 99.99};
    private static final String[] COLORS = {"#4c78a8", "#f58518", "#54a24b", "#e45756", "#b279a2", "#9d755d",
            "#72b7b2", "#eeca3b"};

    private PercentilePlot() {
    }

    /** The plot, or a sentence when no phase has an answered request. */
    static String of(LoadResults load) {
        List<String> names = new ArrayList<>();
        List<Histogram> phases = new ArrayList<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Timeline.Window w : load.timeline().windows()) {
            Histogram h = load.merged(c -> c.phase().equals(w.name()) && !c.outcome().isRateLimited());
            if (h.getTotalCount() > 0) {
                names.add(w.name());
                phases.add(h);
                lo = Math.min(lo, Math.max(0.1, h.getValueAtPercentile(50) / 1000.0));
                hi = Math.max(hi, h.getMaxValue() / 1000.0);
            }
        }
        if (phases.isEmpty()) {
            return "<p>No answered request to draw.</p>";
        }
        List<Double> ticks = Ticks.log(lo, Math.max(hi, lo * 2));
        double yMin = ticks.get(0);
        double yMax = ticks.get(ticks.size() - 1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg class=\"distribution\" viewBox=\"0 0 %d %d\" "
                + "width=\"100%%\" role=\"img\" aria-label=\"response-time distribution per phase\">", W, H));
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;
        for (double v : ticks) {
            double y = y(v, yMin, yMax, plotH);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\" fill=\"#555\">%s</text>", LEFT,
                    W - RIGHT, y, y, LEFT - 4, y + 3, Ticks.label(v)));
        }
        for (double p : X_TICKS) {
            double x = x(p, plotW);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">p%s</text>", x, x,
                    TOP, TOP + plotH, x, H - 10, Ticks.label(p)));
        }
        int lx = LEFT + 5;
        for (int i = 0; i < phases.size(); i++) {
            String color = COLORS[i % COLORS.length];
            svg.append("<path fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(color).append("\" d=\"")
                    .append(path(phases.get(i), yMin, yMax, plotW, plotH)).append("\"><title>")
                    .append(Html.escape(names.get(i))).append(", ").append(phases.get(i).getTotalCount())
                    .append(" answered</title></path>");
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"13\" font-size=\"11\">%s</text>", lx, color, lx + 14, Html.escape(names.get(i))));
            lx += 24 + 7 * names.get(i).length();
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"13\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">"
                + "ms (log)</text>", W - RIGHT));
        return svg.append("</svg>").toString();
    }

    /** The percentiles 50 … 99.99, evenly on the log axis, as far as the phase's samples reach. */
    private static String path(Histogram h, double yMin, double yMax, int plotW, int plotH) {
        StringBuilder d = new StringBuilder();
        double last = 100 - 100.0 / Math.max(2, h.getTotalCount());
        for (int k = 0; k <= 60; k++) {
            double p = Math.min(100 - 50 / Math.pow(10, k / 20.0), Math.max(50, last));
            double ms = Math.max(yMin, h.getValueAtPercentile(p) / 1000.0);
            d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(p, plotW),
                    y(ms, yMin, yMax, plotH)));
            if (p >= last) {
                break;
            }
        }
        return d.toString();
    }

    /** x of percentile {@code p}: log10 of 1 / (1 − p) from p50 (log 2) to p99.99 (log 10,000). */
    static double x(double p, int plotW) {
        double from = Math.log10(2);
        double to = 4;
        double v = Math.log10(100 / Math.max(1e-4, 100 - p));
        return LEFT + plotW * (Math.min(to, v) - from) / (to - from);
    }

    private static double y(double ms, double min, double max, int plotH) {
        return TOP + plotH - plotH * (Math.log10(ms) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
    }
}
