package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class HtmlAndJunitTest {
    private static final ObjectiveResult SLOW = new ObjectiveResult("p99 <script>", "latency", "baseline", "all",
            Status.FAIL, 612.0, Comparison.BELOW, 500, "ms", -112.0, 1000,
            "p99 of 1000 answered requests is 612.0 ms, limit 500 ms", Map.of());
    private static final ObjectiveResult BUDGET = new ObjectiveResult("error budget (baseline)", "error-budget", "baseline",
            "all", Status.PASS, 0.2, Comparison.AT_MOST, 1, "x", 0.8, 1000, "fine", Map.of("burnRate", 0.2));

    private static Report report(Report.Aborted aborted) {
        return new Report(Status.FAIL, List.of("objective FAIL: p99"), "run-1", "2026-11-28T00:00:00Z",
                "2026-11-28T00:01:00Z", 60, new Report.EnvironmentInfo("local", "local", List.of()), null, null,
                List.of(SLOW, BUDGET), List.of(new Report.Fault("payments", "stop", "outage", "a", "b", 2000, 5000, 10, 20, null)),
                aborted);
    }

    private static LoadResults load() {
        Histogram h = new Histogram(1, 120_000_000L, 2);
        h.recordValueWithCount(20_000, 100);
        h.setStartTimeStamp(1_000);
        Timeline t = new Timeline(0, List.of(new Timeline.Window("baseline", true, 0, 10_000, 10)));
        return new LoadResults("S", t, List.of("GET /x"), List.of(new LoadResults.Cell("GET /x", "baseline", Outcome.OK, h)),
                List.of(), null, List.of(new LoadResults.Interval(1_000, "GET /x", "baseline", Outcome.OK, h)),
                Map.of("baseline", 100L));
    }

    @Test
    void theHtmlReportIsSelfContainedAndEscapesWhatItShows() {
        String html = Html.render(report(null), load(), Path.of("/tmp/run-1"));
        assertTrue(html.contains("<svg"), "charts are inline SVG");
        assertFalse(html.contains("<script"), "no scripts: opens offline, nothing to fetch");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing is fetched from anywhere");
        assertTrue(html.contains("p99 &lt;script&gt;"), "names are escaped");
        assertTrue(html.contains("payments stop"), "faults are shaded and labelled");
        assertTrue(html.contains("class=\"FAIL\""));
    }

    @Test
    void theHtmlReportShowsHowEachInteractionBecameTraffic() {
        Report base = report(null);
        dev.gauntlet.contract.Replay placed = new dev.gauntlet.contract.Replay("storefront", "place an order", "p.json", 0,
                "POST", "/orders", "POST /orders", List.of("products exist"),
                dev.gauntlet.contract.Replay.How.STATE_PER_VISIT, "Idempotency-Key from ${idempotencyKey}", 15);
        dev.gauntlet.contract.Replay refund = new dev.gauntlet.contract.Replay("billing", "refund <all>", "p.json", 1,
                "POST", "/refunds", "POST /refunds", List.of(), dev.gauntlet.contract.Replay.How.LEFT_OUT,
                "state-changing 2xx with nothing that changes between requests", 0);
        Report.Load load = new Report.Load("from contracts", 150, List.of(), List.of(), null, List.of(
                new Report.Operation("POST /orders", 150, 15.0, List.of(placed)),
                new Report.Operation("POST /refunds", 0, 0.0, List.of(refund))));
        Report r = new Report(base.verdict(), base.reasons(), base.runId(), base.startedAt(), base.finishedAt(),
                base.durationSeconds(), base.environment(), null, load, base.objectives(), base.faults(), null);
        String html = Html.render(r, load(), Path.of("/tmp/run-1"));
        assertTrue(html.contains("Traffic from contracts"), html);
        assertTrue(html.contains("state-per-visit") && html.contains("Idempotency-Key from ${idempotencyKey}"), html);
        assertTrue(html.contains("billing / refund &lt;all&gt;") && html.contains("left-out")
                && html.contains("nothing that changes between requests"), "left-out interactions say why");
    }

    @Test
    void junitXmlHasOneTestcasePerObjectiveAndFailsTheBrokenOnes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWriter.junit(report(new Report.Aborted("load", "the worker <died>")), null, out);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(4, doc.getElementsByTagName("testcase").getLength(), "the fault, the aborted stage, 2 objectives");
        assertEquals(2, doc.getElementsByTagName("failure").getLength(), "the aborted stage and the slow objective");
    }
}
