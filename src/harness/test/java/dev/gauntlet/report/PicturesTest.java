package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The page's pictures: round ticks, whole seconds, limits drawn, and the history's marks on a real run. */
class PicturesTest {
    private static final Pattern Y_TICK = Pattern.compile("text-anchor=\"end\" fill=\"#555\">([0-9.]+)<");

    @Test
    void ticksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(List.of(0.0, 100.0, 200.0, 300.0), Ticks.linear(250, 4), "not 62.5, 125, 187.5, 250");
        assertEquals(List.of(0.0, 50.0, 100.0, 150.0, 200.0), Ticks.linear(188, 4));
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), Ticks.linear(0.3, 3));
        for (double max : new double[] {0.7, 3, 13, 62.5, 99, 188, 1234, 47_000}) {
            List<Double> ticks = Ticks.linear(max, 4);
            double step = ticks.get(1);
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
            assertTrue(List.of(1.0, 2.0, 5.0).contains(Math.rint(mantissa * 1e9) / 1e9), max + ": step " + step);
            assertTrue(ticks.get(ticks.size() - 1) >= max && ticks.size() <= 6, max + ": " + ticks);
        }
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0), Ticks.log(3, 700));
        assertEquals("0.3", Ticks.label(0.1 + 0.2));
        assertEquals("188", Ticks.label(188));
    }

    @Test
    void limitsAboveASmallChartAreNamedOncePerLimit() {
        assertEquals("p99 < 500 ms (baseline, recovery); p95 < 150 ms (baseline); p50 < 2 s",
                LatencyCharts.grouped(List.of("p99 < 500 ms (baseline)", "p95 < 150 ms (baseline)",
                        "p99 < 500 ms (recovery)", "p50 < 2 s")));
    }

    @Test
    void rateChartsEndAtTheLastWholeSecond() {
        Timeline t = new Timeline(0, List.of(new Timeline.Window("baseline", true, 0, 10_000, 10)));
        List<LoadResults.Interval> intervals = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            intervals.add(interval(s * 1000L + 3, 10));
        }
        intervals.add(interval(10_004, 2)); // the recorder's closing flush: a part of a second
        TimeSeries series = new TimeSeries(load(t, intervals));
        assertEquals(10, series.seconds, "the closing flush's second is not drawn");
        double[] ok = series.count(Outcome.OK);
        assertEquals(10, ok[ok.length - 1], "the last second drawn is a whole one");
        assertEquals(10 * 0.02, series.inFlight[9], 1e-3, "10 answers of 20 ms each: 0.2 in flight (Little's law)");

        List<LoadResults.Interval> stopped = new ArrayList<>(intervals.subList(0, 5));
        stopped.add(interval(5_400, 3)); // a worker stopped 5.4 s in: its last interval is partial
        assertEquals(5, new TimeSeries(load(t, stopped)).seconds);
    }

    @Test
    void chartsHaveRoundTicksLimitsAndRoomForTheirLabels() {
        Timeline t = new Timeline(0, List.of(new Timeline.Window("baseline", true, 0, 60_000, 10)));
        double[] values = new double[60];
        java.util.Arrays.fill(values, 188);
        String svg = new SvgChart("latency", "ms", t, 60).line("p95", "#000", values)
                .limit("p95 < 200 ms", 200, 0, 60).limit("p99 < 5000 ms", 5000, 0, 60).render();
        Matcher m = Y_TICK.matcher(svg);
        List<String> ticks = new ArrayList<>();
        while (m.find()) {
            ticks.add(m.group(1));
        }
        assertEquals(List.of("0", "50", "100", "150", "200"), ticks, svg);
        assertTrue(svg.contains("class=\"limit\"") && svg.contains(">p95 &lt; 200 ms<"), "the limit is drawn: " + svg);
        assertFalse(svg.contains("5000 ms"), "a limit far above the data is not drawn to scale");
        Matcher x = Pattern.compile("<text x=\"([0-9.]+)\"[^>]*text-anchor=\"middle\"[^>]*>(\\d+)s<").matcher(svg);
        while (x.find()) {
            double half = 3.5 * (x.group(2).length() + 1);
            assertTrue(Double.parseDouble(x.group(1)) + half <= 900, "label " + x.group(2) + "s is cut: " + svg);
        }
    }

    @Test
    void aRealRunShowsEachOperationWithItsLimitsAndTheFailedRegressionFirst() throws Exception {
        String html = ReportFixture.historySlowed().html();
        long figures = html.split("<figure><figcaption>", -1).length - 1;
        assertEquals(6, figures, "one small chart per operation of the run");
        assertTrue(html.contains("p50 &lt; 75 ms (baseline)</text>"), "the p50 limit of GET /products/{sku} is drawn");
        assertTrue(html.contains("class=\"distribution\"") && html.contains(">p99.99<"), "the percentile plot");
        assertTrue(html.contains("aria-label=\"requests in flight\""));
        String history = html.substring(html.indexOf("<h2 id=\"history\">"));
        String cells = history.substring(history.indexOf("Latency per operation and phase"));
        assertTrue(cells.indexOf("GET /products/{sku} · baseline") < cells.indexOf("GET /products · baseline"),
                "the operation whose regression failed comes first");
        assertTrue(cells.contains("class=\"failed-ring\"") && cells.contains("this run: FAIL"),
                "the failed regression is ringed red, not green");
        assertTrue(cells.contains("class=\"tolerance\""), "the tolerance band is shaded");
        String objectives = history.substring(history.indexOf("<h3>Objectives</h3>"), history.indexOf(
                "Latency per operation and phase"));
        assertTrue(objectives.indexOf("p95 regression") < objectives.indexOf("p95 latency"), "non-PASS charts first");
    }

    private static LoadResults.Interval interval(long at, int count) {
        Histogram h = new Histogram(1, 120_000_000L, 2);
        h.recordValueWithCount(20_000, count);
        return new LoadResults.Interval(at, "GET /x", "baseline", Outcome.OK, h);
    }

    private static LoadResults load(Timeline t, List<LoadResults.Interval> intervals) {
        return new LoadResults("S", t, List.of("GET /x"), List.of(), List.of(), null, intervals, Map.of("baseline", 100L));
    }
}
