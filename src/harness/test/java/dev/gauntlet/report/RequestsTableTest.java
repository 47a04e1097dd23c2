package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestsTableTest {
    private static Histogram histogram(long... millis) {
        Histogram h = new Histogram(1, 120_000_000L, 2);
        for (long ms : millis) {
            h.recordValue(ms * 1000);
        }
        return h;
    }

    /** GET /x in a 10 s baseline: 1 … 100 ms answered 2xx once each, five 429s, two 4xx at 3 ms, three 5xx at 250 ms. */
    private static LoadResults load() {
        long[] ok = new long[100];
        for (int i = 0; i < 100; i++) {
            ok[i] = i + 1;
        }
        Timeline t = new Timeline(0, List.of(new Timeline.Window("warmup", false, 0, 5_000, 5),
                new Timeline.Window("baseline", true, 5_000, 15_000, 10)));
        List<LoadResults.Cell> cells = List.of(
                new LoadResults.Cell("GET /x", "baseline", Outcome.OK, histogram(ok)),
                new LoadResults.Cell("GET /x", "baseline", Outcome.RATE_LIMITED, histogram(1, 1, 1, 1, 900)),
                new LoadResults.Cell("GET /x", "baseline", Outcome.CLIENT_ERROR, histogram(3, 3)),
                new LoadResults.Cell("GET /x", "baseline", Outcome.SERVER_ERROR, histogram(250, 250, 250)),
                new LoadResults.Cell("GET /y", "warmup", Outcome.RATE_LIMITED, histogram(2)));
        return new LoadResults("S", t, List.of("GET /x", "GET /y"), cells, List.of(), null, List.of(), Map.of());
    }

    @Test
    void theRowsAreReadFromTheRecordedHistograms() {
        List<RequestsTable.Row> rows = RequestsTable.rows(load(), "GET /x");
        assertEquals(1, rows.size(), "no row for a phase without requests: " + rows);
        RequestsTable.Row r = rows.get(0);
        assertEquals("baseline", r.phase());
        assertEquals(110, r.count());
        assertEquals(100, r.ok());
        assertEquals(5, r.ko(), "two 4xx and three 5xx");
        assertEquals(5, r.rateLimited());
        assertEquals(3, r.errors(), "5xx and no answer only");
        // 105 latencies without the 429s, sorted: 1, 2, 3, 3, 3, 4 … 100, 250, 250, 250 (the k-th is k − 2 from the 6th)
        assertEquals(1.0, r.minMs());
        assertEquals(51.0, r.p50Ms(), "the 53rd of 105");
        assertEquals(77.0, r.p75Ms(), "the 79th");
        assertEquals(98.0, r.p95Ms(), "the 100th");
        assertEquals(250.0, r.p99Ms(), "the 104th");
        assertEquals(250.0, r.maxMs(), "the 900 ms 429 is left out, as the latency objectives leave it out");
        assertEquals(11.0, r.rps(), "110 requests over the 10 s phase");
    }

    @Test
    void anOperationAnsweredOnlyWith429HasNoLatency() {
        RequestsTable.Row r = RequestsTable.rows(load(), "GET /y").get(0);
        assertEquals(1, r.count());
        assertEquals(1, r.rateLimited());
        assertEquals(0, r.ko());
        assertNull(r.p95Ms());
        assertEquals(0.2, r.rps());
    }

    @Test
    void reportJsonAndThePageCarryTheTable(@TempDir Path dir) throws Exception {
        LoadResults load = load();
        Report.Load l = new Report.Load("S", 111, List.of(), List.of(), null, List.of(
                new Report.Operation("GET /x", 110, null, List.of(), RequestsTable.rows(load, "GET /x")),
                new Report.Operation("GET /y", 1, null, List.of(), RequestsTable.rows(load, "GET /y"))));
        Report r = new Report(Status.PASS, List.of(), "run-1", "2026-12-06T00:00:00Z", "2026-12-06T00:00:15Z", 15,
                new Report.EnvironmentInfo("local", "local", List.of()), null, l, List.of(), List.of(), null);
        ReportWriter.write(r, dir);
        JsonNode row = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")))
                .at("/load/operations/0/phases/0");
        assertEquals("baseline", row.get("phase").asText());
        for (String field : List.of("count", "ok", "ko", "rateLimited", "errors", "minMs", "p50Ms", "p75Ms", "p95Ms",
                "p99Ms", "maxMs", "rps")) {
            assertTrue(row.has(field), field + " in " + row);
        }
        assertEquals(98.0, row.get("p95Ms").asDouble());
        String html = Html.render(r, load, dir);
        assertTrue(html.contains("<h2 id=\"requests\">Requests</h2>"), html);
        assertTrue(html.contains("<td>GET /x</td><td>baseline</td><td class=\"num\">110</td><td class=\"num\">100</td>"
                + "<td class=\"num FAIL\">5</td><td class=\"num\">5</td><td class=\"num\">1</td><td class=\"num\">51</td>"
                + "<td class=\"num\">77</td><td class=\"num\">98</td><td class=\"num\">250</td><td class=\"num\">250</td>"
                + "<td class=\"num\">11.0</td>"), html);
        assertTrue(html.contains("<td>GET /y</td><td>warmup</td>") && html.contains("<td class=\"num\">–</td>"),
                "no latency for only 429s");
    }
}
