package dev.gauntlet.report;

import dev.gauntlet.files.RunFiles;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: one self-contained page (inline CSS and SVG, no scripts, nothing fetched) with the verdict,
 * the objectives, latency percentiles, outcomes and throughput per second with the phases shaded, and a link to
 * Gatling's own report.
 */
public final class Html {
    private Html() {
    }

    public static void write(Report r, LoadResults load, Path runDir) throws IOException {
        Files.writeString(runDir.resolve(RunFiles.INDEX_HTML), render(r, load, runDir), StandardCharsets.UTF_8);
    }

    static String render(Report r, LoadResults load, Path runDir) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>gauntlet · ")
                .append(escape(r.environment().name())).append(" · ").append(r.verdict()).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left}")
                .append("th{background:#f4f4f4}.PASS{color:#17803d;font-weight:600}.WARN{color:#b26b00;font-weight:600}.INCONCLUSIVE{color:#5a5fb0;font-weight:600}")
                .append(".FAIL{color:#c0262d;font-weight:600}.num{text-align:right}h1 span{padding:2px 10px;border-radius:4px}")
                .append("code{background:#f4f4f4;padding:1px 4px}")
                .append("ol.reasons a{color:inherit;text-decoration:none}ol.reasons a:hover{text-decoration:underline}")
                .append("ol.reasons small{color:#555}details.passed summary{cursor:pointer}").append(PageStyle.CSS)
                .append("</style></head><body>");
        h.append("<h1>gauntlet gate <span class=\"").append(r.verdict()).append("\">").append(r.verdict()).append("</span></h1>");
        h.append("<p>environment <b>").append(escape(r.environment().name())).append("</b> · run <code>")
                .append(escape(r.runId())).append("</code> · started ").append(escape(r.startedAt()))
                .append(String.format(Locale.ROOT, " · %.1f s", r.durationSeconds())).append("</p>");
        Checks.html(r.checks(), r.reasonLines(), h);
        if (r.aborted() != null) {
            h.append("<h2>Aborted in ").append(escape(r.aborted().stage())).append("</h2><pre>")
                    .append(escape(r.aborted().reason())).append("</pre>");
        }
        ObjectivesHtml.html(r.objectives(), h);
        if (load != null) {
            charts(load, r.faults(), h);
            LatencyCharts.html(r, load, h);
            ResourceCharts.html(r.resources(), load, r.faults(), h);
            if (r.history() != null && r.history().current() != null) {
                java.util.Set<String> scored = load.timeline().windows().stream()
                        .filter(dev.gauntlet.load.Timeline.Window::scored)
                        .map(dev.gauntlet.load.Timeline.Window::name).collect(java.util.stream.Collectors.toSet());
                h.append(HistoryHtml.section(r.history().earlier(), r.history().current(), r.history().changePoints(),
                        scored::contains, r.objectives()));
            }
            phases(r, h);
            RequestsTable.html(r, h);
            traffic(r, h);
            if (r.load() != null && r.load().gatlingReport() != null) {
                Path gatling = Path.of(r.load().gatlingReport());
                String link = gatling.isAbsolute() ? runDir.toAbsolutePath().relativize(gatling).toString() : gatling.toString();
                h.append("<p>Gatling's own report of this run: <a href=\"").append(escape(link)).append("\">")
                        .append(escape(link)).append("</a></p>");
            }
        }
        faults(r, h);
        ContractsHtml.html(r.contracts(), h);
        SecurityViews.html(r, h);
        return h.append("</body></html>\n").toString();
    }

    static SvgChart chart(String title, String unit, LoadResults load, TimeSeries t, List<Report.Fault> faults) {
        SvgChart c = new SvgChart(title, unit, load.timeline(), t.seconds);
        for (Report.Fault f : faults) {
            if (f.error() == null) {
                c.fault(f.service() + " " + f.kind(), f.startOffsetMillis() / 1000.0,
                        (f.endOffsetMillis() > 0 ? f.endOffsetMillis() : f.startOffsetMillis()) / 1000.0);
            }
        }
        return c;
    }

    private static void charts(LoadResults load, List<Report.Fault> faults, StringBuilder h) {
        TimeSeries t = new TimeSeries(load);
        h.append("<h2>Latency (answered requests, 429 excluded)</h2>");
        h.append(chart("latency percentiles per second", "ms", load, t, faults)
                .line("p50", "#4c78a8", t.p50).line("p95", "#f58518", t.p95).line("p99", "#e45756", t.p99).render());
        h.append("<h2>Answers per second</h2>");
        h.append(chart("outcomes per second", "req/s", load, t, faults)
                .line("2xx/3xx", "#54a24b", t.count(Outcome.OK))
                .line("4xx", "#9d755d", t.count(Outcome.CLIENT_ERROR))
                .line("429", "#b279a2", t.count(Outcome.RATE_LIMITED))
                .line("429 no Retry-After", "#ff9da6", t.count(Outcome.RATE_LIMITED_WITHOUT_RETRY_AFTER))
                .line("5xx", "#e45756", t.count(Outcome.SERVER_ERROR))
                .line("no answer", "#000000", t.count(Outcome.NO_RESPONSE)).render());
        h.append("<h2>Throughput: offered vs. achieved</h2>");
        h.append(chart("throughput", "req/s", load, t, faults)
                .line("offered", "#999999", t.offered).line("answered (not 5xx)", "#4c78a8", t.answered()).render());
    }

    private static void phases(Report r, StringBuilder h) {
        if (r.load() == null) {
            return;
        }
        h.append("<h2>Phases</h2><table><tr><th>phase</th><th>scored</th><th>lasted</th><th>offered visits/s</th>")
                .append("<th>achieved visits/s</th><th>requests/s</th><th>requests</th><th>429</th><th>errors</th></tr>");
        for (Report.PhaseSummary p : r.load().phases()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%.1f</td>"
                            + "<td class=\"num\">%.1f</td><td class=\"num\">%.1f</td><td class=\"num\">%d</td>"
                            + "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>",
                    escape(p.name()), p.scored() ? "yes" : "no", escape(p.lasted()), p.offeredRps(), p.achievedRps(),
                    p.requestRps(), p.requests(), p.rateLimited(), p.errors()));
        }
        h.append("</table>");
        InjectorViews.html(r.load().injectors(), h);
    }

    /** With {@code load.from: contracts}: how each interaction became traffic, or why it was left out. */
    private static void traffic(Report r, StringBuilder h) {
        if (r.load() == null || r.load().operations().stream().allMatch(o -> o.interactions().isEmpty())) {
            return; // a simulation drove the load: nothing was made from the contracts
        }
        h.append("<h2>Traffic from contracts</h2><table><tr><th>operation</th><th>requests</th><th>interaction</th>")
                .append("<th>how</th><th>share of visits</th><th>detail</th></tr>");
        for (Report.Operation o : r.load().operations()) {
            for (dev.gauntlet.contract.Replay i : o.interactions()) {
                h.append(String.format(Locale.ROOT, "<tr%s><td>%s</td><td class=\"num\">%d</td><td>%s</td><td>%s</td>"
                                + "<td class=\"num\">%.1f %%</td><td>%s</td></tr>", i.leftOut() ? " class=\"WARN\"" : "",
                        escape(o.operation()), o.requests(), escape(i.consumer() + " / " + i.interaction()),
                        escape(i.how().label()), i.sharePercent(), escape(i.detail())));
            }
        }
        h.append("</table>");
    }

    private static void faults(Report r, StringBuilder h) {
        if (r.faults().isEmpty()) {
            return;
        }
        h.append("<h2>Faults</h2><table><tr><th>service</th><th>fault</th><th>phase</th><th>on</th><th>off</th>")
                .append("<th>on late</th><th>off late</th><th>error</th><th>took effect</th><th>evidence</th></tr>");
        for (Report.Fault f : r.faults()) {
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%.1f s</td>"
                            + "<td class=\"num\">%.1f s</td><td class=\"num\">%d ms</td><td class=\"num\">%d ms</td><td>%s</td>"
                            + "%s</tr>",
                    escape(f.service()), escape(f.kind()), escape(f.phase()), f.startOffsetMillis() / 1000.0,
                    f.endOffsetMillis() / 1000.0, f.onLateMillis(), f.offLateMillis(), escape(f.error()),
                    FaultEvidenceHtml.cells(f.evidence())));
        }
        h.append("</table>");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
