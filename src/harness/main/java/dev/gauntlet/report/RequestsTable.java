package dev.gauntlet.report;

import dev.gauntlet.load.LoadRecorder;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import dev.gauntlet.slo.PercentileInterval;
import org.HdrHistogram.Histogram;

/**
 * The requests table (Gatling's and k6's staple): per operation and phase the requests, how they were answered and
 * their latency, read from the load's recorded histograms (nothing measured again). Latency leaves 429 answers out,
 * as the latency objectives do; KO is every answer that is neither 1xx–3xx nor 429 (4xx, 5xx, no answer).
 */
public final class RequestsTable {
    private RequestsTable() {
    }

    /**
     * One operation in one phase.
     *
     * @param phase       the phase
     * @param count       requests recorded, every outcome
     * @param ok          answered 1xx, 2xx or 3xx
     * @param ko          answered 4xx other than 429, 5xx, or not answered
     * @param rateLimited answered 429 (with or without Retry-After)
     * @param errors      5xx or not answered (what the error budget counts)
     * @param minMs       fastest request, 429s left out (null when every request was a 429)
     * @param p50Ms       median
     * @param p75Ms       75th percentile
     * @param p95Ms       95th percentile
     * @param p99Ms       99th percentile
     * @param maxMs       slowest request
     * @param rps         requests per second over the phase's planned duration
     */
    public record Row(String phase, long count, long ok, long ko, long rateLimited, long errors, Double minMs,
                      Double p50Ms, Double p75Ms, Double p95Ms, Double p99Ms, Double maxMs, double rps) {
    }

    /** The rows of {@code operation}: one per phase of the timeline it has requests in, in timeline order. */
    static List<Row> rows(LoadResults load, String operation) {
        List<Row> out = new ArrayList<>();
        for (Timeline.Window w : load.timeline().windows()) {
            String phase = w.name();
            long count = load.count(c -> c.operation().equals(operation) && c.phase().equals(phase));
            if (count == 0) {
                continue;
            }
            long ok = load.count(c -> c.operation().equals(operation) && c.phase().equals(phase)
                    && c.outcome() == Outcome.OK);
            long limited = load.count(c -> c.operation().equals(operation) && c.phase().equals(phase)
                    && c.outcome().isRateLimited());
            long errors = load.count(c -> c.operation().equals(operation) && c.phase().equals(phase)
                    && c.outcome().isError());
            Histogram h = load.merged(c -> c.operation().equals(operation) && c.phase().equals(phase)
                    && !c.outcome().isRateLimited());
            double seconds = (w.end() - w.start()) / 1000.0;
            out.add(new Row(phase, count, ok, count - ok - limited, limited, errors, ms(h, -1), ms(h, 50), ms(h, 75),
                    ms(h, 95), ms(h, 99), ms(h, 101), seconds <= 0 ? 0 : Math.round(count / seconds * 10) / 10.0));
        }
        return out;
    }

    /** A percentile in ms; -1 the minimum, above 100 the maximum; null without latencies. */
    private static Double ms(Histogram h, double percentile) {
        if (h.getTotalCount() == 0) {
            return null;
        }
        long micros = percentile < 0 ? h.getMinValue() : percentile > 100 ? h.getMaxValue()
                : h.getValueAtPercentile(percentile);
        // on the load's timing grid (whole ms), as the latency objectives read it: the same p95 as theirs
        long[] grid = PercentileInterval.onGrid(h, micros, LoadRecorder.TIMING_GRID_MICROS);
        return (percentile < 0 ? grid[0] : grid[1]) / 1000.0;
    }

    /** The table, for index.html; nothing when the load recorded no operation. */
    static void html(Report r, StringBuilder h) {
        if (r.load() == null || r.load().operations().stream().allMatch(o -> o.phases().isEmpty())) {
            return;
        }
        h.append("<h2 id=\"requests\">Requests</h2><p>Per operation and phase, from the recorded histograms; latency in ms ")
                .append("without 429 answers (as the latency objectives); KO: 4xx other than 429, 5xx or no answer.</p>")
                .append("<table class=\"requests\"><tr><th>operation</th><th>phase</th><th>count</th>")
                .append("<th>OK</th><th>KO</th><th>429</th><th>min</th><th>p50</th><th>p75</th><th>p95</th><th>p99</th>")
                .append("<th>max</th><th>req/s</th></tr>");
        for (Report.Operation o : r.load().operations()) {
            for (Row row : o.phases()) {
                h.append("<tr><td>").append(Html.escape(o.operation())).append("</td><td>").append(Html.escape(row.phase()))
                        .append("</td>").append(num(row.count())).append(num(row.ok()))
                        .append(row.ko() > 0 ? "<td class=\"num FAIL\">" + row.ko() + "</td>" : num(row.ko()))
                        .append(num(row.rateLimited())).append(ms(row.minMs())).append(ms(row.p50Ms()))
                        .append(ms(row.p75Ms())).append(ms(row.p95Ms())).append(ms(row.p99Ms())).append(ms(row.maxMs()))
                        .append(String.format(Locale.ROOT, "<td class=\"num\">%.1f</td></tr>", row.rps()));
            }
        }
        h.append("</table>");
    }

    private static String num(long n) {
        return "<td class=\"num\">" + n + "</td>";
    }

    private static String ms(Double v) {
        return "<td class=\"num\">" + (v == null ? "–" : Ticks.label(v)) + "</td>";
    }
}
