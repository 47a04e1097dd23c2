package dev.gauntlet.report;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.resource.ResourceSamples;
import java.util.Arrays;
import java.util.List;

/** Charts of the services' memory (RSS) and CPU over the load, with its phases and faults, for index.html. */
final class ResourceCharts {
    private static final String[] COLORS = {"#4c78a8", "#f58518", "#54a24b", "#e45756", "#b279a2", "#9d755d"};

    private ResourceCharts() {
    }

    static void html(ResourceSamples samples, LoadResults load, List<Report.Fault> faults, StringBuilder h) {
        if (samples == null || samples.services().isEmpty()) {
            return;
        }
        TimeSeries t = new TimeSeries(load);
        long origin = load.timeline().startEpochMillis();
        SvgChart memory = Html.chart("memory (RSS) per service", "MB", load, t, faults);
        SvgChart cpu = Html.chart("CPU per service", "% of one core", load, t, faults);
        StringBuilder notes = new StringBuilder();
        int i = 0;
        for (ResourceSamples.Series s : samples.services()) {
            double[] mb = perSecond(t.seconds);
            double[] percent = perSecond(t.seconds);
            for (int k = 0; k < s.size(); k++) {
                long second = (samples.startEpochMillis() + s.atMillis()[k] - origin) / 1000;
                if (second >= 0 && second < t.seconds) {
                    mb[(int) second] = s.rssKB()[k] / 1024.0;
                    if (s.cpuPercent()[k] != null) {
                        percent[(int) second] = s.cpuPercent()[k];
                    }
                }
            }
            String color = COLORS[i++ % COLORS.length];
            memory.line(s.service(), color, mb);
            cpu.line(s.service(), color, percent);
            notes.append("<li>").append(Html.escape(s.service())).append(": ").append(s.size()).append(" samples from the ")
                    .append(Html.escape(s.source())).append(", ").append(s.gaps()).append(" gaps")
                    .append(s.restarts() > 0 ? ", " + s.restarts() + " restart(s)" : "")
                    .append(s.problem() == null ? "" : " (last: " + Html.escape(s.problem()) + ")").append("</li>");
        }
        h.append("<h2>Resources of the services</h2>");
        h.append(memory.render());
        h.append(cpu.render());
        h.append("<ul>").append(notes).append("</ul>");
    }

    private static double[] perSecond(int seconds) {
        double[] v = new double[seconds];
        Arrays.fill(v, Double.NaN);
        return v;
    }
}
