package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.history.ChangePoint;
import dev.gauntlet.history.ChangePoints;
import dev.gauntlet.history.HistorySeries;
import dev.gauntlet.history.RunRecord;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class HistoryHtmlTest {

    /** Night {@code i} of a history whose GET /orders got 40 % slower from night {@code step} on. */
    static RunRecord night(int i, int step, Random random) {
        double slow = i >= step ? 1.4 : 1.0;
        List<RunRecord.Cell> cells = new ArrayList<>();
        for (String op : new String[] {"GET /orders", "POST /orders"}) {
            for (String phase : new String[] {"warmup", "baseline"}) {
                Histogram h = new Histogram(1, 120_000_000L, 2);
                double base = op.startsWith("GET") ? 10_000 * slow : 20_000;
                for (int k = 0; k < 400; k++) {
                    h.recordValue((long) (base * Math.exp(0.35 * random.nextGaussian())));
                }
                cells.add(new RunRecord.Cell(op, phase, h, 400, 0, 0));
            }
        }
        double p99 = 30 * slow + random.nextGaussian();
        List<RunRecord.Result> objectives = List.of(
                new RunRecord.Result("baseline p99 latency", "latency", "baseline", "all",
                        p99 < 40 ? Status.PASS : Status.FAIL, p99, "ms"),
                new RunRecord.Result("baseline throughput", "throughput", "baseline", "all", Status.PASS,
                        100 + random.nextGaussian(), "%"),
                new RunRecord.Result("error budget <b>&\"", "error-budget", "baseline", "all", Status.PASS, null, "x"));
        return new RunRecord("run-" + i, Instant.parse("2026-10-01T02:00:00Z").plusSeconds(86_400L * i), "nightly",
                "plan-1", null, Status.PASS, cells, objectives);
    }

    private static Document parse(String section) throws Exception {
        String xml = "<root>" + section + "</root>";
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Document d, String tag, String cls) {
        NodeList nodes = d.getElementsByTagName(tag);
        int n = 0;
        for (int i = 0; i < nodes.getLength(); i++) {
            n += cls.equals(((org.w3c.dom.Element) nodes.item(i)).getAttribute("class")) ? 1 : 0;
        }
        return n;
    }

    @Test
    void drawsEverySeriesWithTheCurrentRunAndTheChangePointsMarkedOffline() throws Exception {
        Random random = new Random(5);
        List<RunRecord> earlier = new ArrayList<>();
        for (int i = 0; i < 29; i++) {
            earlier.add(night(i, 16, random));
        }
        RunRecord current = night(29, 16, random);
        List<HistorySeries> series = HistorySeries.of(earlier, current, "baseline"::equals);
        List<ChangePoint> points = ChangePoints.find(series);
        assertTrue(points.stream().anyMatch(p -> p.series().equals("GET /orders · baseline · p95")
                && Math.abs(p.index() - 16) <= 1), points.toString());
        assertTrue(points.stream().noneMatch(p -> p.series().startsWith("POST /orders")), points.toString());

        String section = HistoryHtml.section(earlier, current, points, "baseline"::equals);
        Document d = parse(section);
        // two objectives with a value (the third has none), p95 + p99 of two operations in the baseline
        assertEquals(2 + 2 * 2, series.size());
        assertEquals(2 + 2, d.getElementsByTagName("svg").getLength(), "one chart per objective and per operation");
        assertEquals(series.size(), count(d, "circle", "current-run"), "the current run is ringed in every series");
        assertEquals(points.size(), count(d, "line", "change-point"), "every change point is drawn");
        assertEquals(points.size() + 1, d.getElementsByTagName("tr").getLength(), "and listed");
        assertTrue(section.contains("this run"));
        assertFalse(section.contains("warmup"), "only the phases asked for");
        assertFalse(section.contains("http:") || section.contains("https:") || section.contains("<script")
                || section.contains("url("), "nothing external");
        assertTrue(section.contains(">" + ChangePoints.MIN_SEGMENT + " runs") || section.contains("at least 3 runs"));

        String sample = System.getProperty("history.sample"); // -Dhistory.sample=FILE writes a page to look at
        if (sample == null) {
            return;
        }
        Path out = Path.of(sample);
        Files.writeString(out, "<!doctype html><html><head><meta charset=\"utf-8\"><style>body{font:14px system-ui,"
                + "sans-serif;margin:24px;max-width:960px}td,th{border:1px solid #ddd;padding:4px 8px}"
                + ".num{text-align:right}</style></head><body>" + section + "</body></html>");
    }

    @Test
    void theFirstRunSaysThereIsNothingToCompareYet() throws Exception {
        String section = HistoryHtml.section(List.of(), night(0, 5, new Random(1)), List.of());
        parse(section);
        assertTrue(section.contains("first run in the history"), section);
    }

    @Test
    void namesAreEscaped() throws Exception {
        Random random = new Random(2);
        List<RunRecord> earlier = List.of(night(0, 9, random), night(1, 9, random));
        RunRecord current = night(2, 9, random);
        List<RunRecord.Result> odd = List.of(new RunRecord.Result("p99 <script>&", "latency", "baseline", "all",
                Status.PASS, 3.0, "ms"));
        RunRecord weird = new RunRecord(current.id(), current.started(), "<env>", current.plan(), null, Status.PASS,
                current.cells(), odd);
        String section = HistoryHtml.section(earlier, weird, List.of());
        parse(section);
        assertFalse(section.contains("<script>"), section);
    }
}
