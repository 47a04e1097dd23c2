package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.resource.MachineLoad;
import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The reasons as every view lists them: FAIL, then WARN, then INCONCLUSIVE; identical causes merged with a count; the
 * status once; every FAIL with what to do and its place in the page; a busy machine named on timed objectives.
 */
class ReasonLinesTest {
    private static final String NO_HISTORY = "0 earlier runs of environment local with this plan, 3 needed";

    private static ObjectiveResult objective(String name, String kind, String phase, Status status, String detail) {
        return new ObjectiveResult(name, kind, phase, "all", status, 10.0, Comparison.BELOW, 150, "ms", 140.0, 100,
                detail, Map.of("lowerBound", 8.0));
    }

    /** An INCONCLUSIVE first, 18 regressions without history, a WARN, a FAIL last: as a history's first run reads. */
    private static List<ObjectiveResult> objectives() {
        List<ObjectiveResult> out = new ArrayList<>();
        out.add(objective("baseline GET /orders p95 latency", "latency", "baseline", Status.INCONCLUSIVE,
                "p95 of 40 answered requests is 14.0 ms, limit 150 ms: too few samples"));
        for (int i = 0; i < 18; i++) {
            out.add(objective("regression " + i, "regression", "baseline", Status.INCONCLUSIVE, NO_HISTORY));
        }
        out.add(objective("pending error rate", "error-rate", "baseline", Status.WARN, "pending: 2 % failed"));
        out.add(objective("baseline GET /orders/{id} p95 latency", "latency", "baseline", Status.FAIL,
                "p95 of 400 answered requests is 212.0 ms, limit 150 ms"));
        out.add(objective("baseline p50 latency", "latency", "baseline", Status.PASS, "p50 is 3.0 ms"));
        return out;
    }

    private static Report report(MachineLoad machine) {
        List<ObjectiveResult> objectives = objectives();
        Verdicts.Verdict v = Verdicts.withMachine(Verdicts.of(null, null, objectives, List.of(), null), machine);
        return new Report(v.status(), v.reasons(), "run-7", "a", "b", 60,
                new Report.EnvironmentInfo("ci-outage", "local", List.of()), null, null, objectives, List.of(), null,
                v.checks());
    }

    @Test
    void failFirstThenWarnThenInconclusiveWithIdenticalCausesMerged() {
        List<ReasonLines.Line> lines = report(null).reasonLines();
        assertEquals(List.of(Status.FAIL, Status.WARN, Status.INCONCLUSIVE, Status.INCONCLUSIVE),
                lines.stream().map(ReasonLines.Line::status).toList(), lines.toString());
        assertEquals("18 regression objectives: " + NO_HISTORY, lines.get(3).text());
        assertEquals(18, lines.get(3).count());
        assertEquals(18, lines.get(3).checks().size());
        assertEquals(1, lines.get(2).count(), "a different cause is a line of its own");
        for (ReasonLines.Line l : lines) {
            assertFalse(l.text().contains("FAIL") || l.text().contains("INCONCLUSIVE") || l.text().contains("WARN"),
                    "the status is the line's, not in its text: " + l.text());
        }
        assertEquals(lines.stream().map(ReasonLines.Line::text).toList(), report(null).reasons(),
                "report.json's reasons are the same list");
    }

    @Test
    void aMergedLineSaysItsCountOnceOnThePage() {
        String html = Html.render(report(null), null, Path.of("."));
        String reasons = html.substring(html.indexOf("<ol class=\"reasons\">"), html.indexOf("</ol>"));
        assertTrue(reasons.contains(" title=\"regression 0, regression 1, regression 2,"), "the names it stands for: "
                + reasons);
        assertTrue(reasons.contains(">18 regression objectives: " + NO_HISTORY + "</a></li>"), reasons);
        assertFalse(reasons.contains("checks)"), "the count once, in the line's text: " + reasons);
        assertFalse(reasons.contains("baseline GET /orders p95 latency: p95 of 40 answered requests is 14.0 ms, "
                + "limit 150 ms: too few samples\" title"), "a line of one check has no title of names");

        List<Reason> same = new ArrayList<>();
        for (String name : List.of("injector 1", "injector 2")) {
            same.add(Reason.warn("load", name, "the load generator fell behind", ""));
        }
        List<ReasonLines.Line> lines = ReasonLines.of(same);
        assertEquals(1, lines.size(), lines.toString());
        assertEquals("the load generator fell behind (2 checks)", lines.get(0).text(), "a cause that names none of its "
                + "checks is counted once, in the text");
    }

    @Test
    void everyFailSaysWhatToDoAndWhereOnThePageItIs() {
        ReasonLines.Line fail = report(null).reasonLines().get(0);
        assertTrue(fail.action().contains("find what slowed the operation"), fail.action());
        assertEquals("objective-baseline-baseline-get-orders-id-p95-latency", fail.anchor());
        String html = Html.render(report(null), null, Path.of("."));
        assertTrue(html.contains("<tr id=\"" + fail.anchor() + "\">"), "the link has a target on the page");
        assertTrue(html.contains("<a href=\"#" + fail.anchor() + "\">"), html);
        assertTrue(html.indexOf("<ol class=\"reasons\">") < html.indexOf("<h2>Objectives</h2>"), "reasons first");
        assertEquals("", report(null).reasonLines().get(1).action(), "a WARN needs no action line");
    }

    @Test
    void mergedCausesNameTheirChecksUpToThreeAndCountTheRest() {
        List<Reason> checks = new ArrayList<>();
        for (String op : List.of("GET /a", "GET /b", "GET /c", "GET /d", "GET /e")) {
            checks.add(Reason.fail("contracts.coverage", op, "operation not covered by any contract: " + op, ""));
        }
        List<ReasonLines.Line> lines = ReasonLines.of(checks);
        assertEquals(1, lines.size());
        assertEquals("operation not covered by any contract: GET /a, GET /b and 3 more", lines.get(0).text());
        assertEquals(5, lines.get(0).count());
        assertEquals(List.of("operation not covered by any contract: GET /a"), ReasonLines.texts(checks.subList(0, 1)),
                "one check keeps its own words");
    }

    @Test
    void aBusyMachineIsNamedOnTimedObjectivesThatDidNotPass() {
        MachineLoad busy = new MachineLoad(2, 40, 3.1, 4.0, 12);
        assertTrue(busy.busy());
        assertFalse(new MachineLoad(2, 40, 1.2, 2.0, 0.5).busy(), "under both thresholds");
        assertFalse(new MachineLoad(2, 0, 0, 0, 0).busy(), "nothing read (not Linux): never busy");
        List<ReasonLines.Line> lines = report(busy).reasonLines();
        String said = "the machine was busy (load 3.1 on 2 cores, steal 12 %) — latency results may reflect it";
        assertTrue(lines.get(0).text().endsWith("; " + said), lines.get(0).text());
        assertTrue(lines.get(2).text().endsWith(said), "INCONCLUSIVE latency too: " + lines.get(2).text());
        assertFalse(lines.get(1).text().contains("busy"), "an error rate is no time: " + lines.get(1).text());
        assertFalse(report(new MachineLoad(2, 40, 1.0, 1.0, 0)).reasonLines().get(0).text().contains("busy"));
    }

    @Test
    void reportJsonCarriesTheReasonLinesAndJunitTheEnvironmentFiguresAndPlace(@TempDir Path dir) throws Exception {
        Report r = report(null);
        ReportWriter.write(r, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        JsonNode first = json.get("reasonLines").get(0);
        assertEquals("FAIL", first.get("status").asText());
        assertEquals(r.reasonLines().get(0).action(), first.get("action").asText());
        assertEquals(18, json.get("reasonLines").get(3).get("count").asInt());
        assertEquals("latency", json.at("/checks/0/kind").asText());

        Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile());
        NodeList cases = junit.getElementsByTagName("testcase");
        Element firstCase = (Element) cases.item(0);
        assertEquals("gauntlet.ci-outage.objectives.baseline", firstCase.getAttribute("classname"),
                "environment and phase in the class name; failures first");
        NodeList failures = junit.getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        String body = failures.item(0).getTextContent();
        assertTrue(body.contains("measured 10.0 ms, threshold < 150 ms, margin 140.0 ms, 100 samples"), body);
        assertTrue(body.contains("figures: lowerBound 8"), body);
        assertTrue(body.contains("what to do: find what slowed"), body);
        assertTrue(body.contains("report: " + dir.toAbsolutePath().resolve("index.html")
                + "#objective-baseline-baseline-get-orders-id-p95-latency"), body);
    }

    @Test
    void consoleSumsUpThePassedRowsFitsInWidthAndListsTheReasonsOnce() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(report(new MachineLoad(2, 40, 3.1, 4.0, 12)), new PrintStream(bytes, true,
                StandardCharsets.UTF_8), false);
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(console.lines().allMatch(l -> l.length() <= ConsoleReport.WIDTH), console);
        assertTrue(console.contains("  PASS         1 passed: 1 latency (--verbose lists them)"), console);
        assertFalse(console.contains("baseline p50 latency"), "a passed row only with --verbose:\n" + console);
        assertFalse(console.contains("objective INCONCLUSIVE") || console.contains("  - "), console);
        String flat = console.replaceAll("\\s+", " ");
        assertTrue(flat.contains("INCONCLUSIVE 18 regression objectives: " + NO_HISTORY), console);
        assertTrue(flat.contains("→ find what slowed the operation"), console);
        assertTrue(flat.contains("(index.html#objective-baseline-baseline-get-orders-id-p95-latency)"),
                console);
        int verdict = console.indexOf("VERDICT     FAIL");
        assertTrue(verdict > 0 && console.indexOf("  FAIL ", verdict) < console.indexOf("  WARN ", verdict)
                && console.indexOf("  WARN ", verdict) < console.indexOf("  INCONCLUSIVE ", verdict), console);

        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ConsoleReport.print(report(null), new PrintStream(all, true, StandardCharsets.UTF_8), true);
        assertTrue(all.toString(StandardCharsets.UTF_8).contains("baseline p50 latency"), "--verbose lists every row");
    }

    @Test
    void aMistakeInTheEnvironmentFileIsSaidOnceAndEndsAsAConfigurationError() {
        String mistake = "environments/local.yaml: objectives[2].latency: expected p50..p99.9 < DURATION, found 'p95 150'";
        Report.Aborted aborted = new Report.Aborted("config", mistake, null, null, true);
        Verdicts.Verdict v = Verdicts.of(null, null, List.of(), List.of(), aborted);
        Report r = new Report(v.status(), v.reasons(), "run-1", "a", "b", 1,
                new Report.EnvironmentInfo("local", "local", List.of()), null, null, List.of(), List.of(), aborted,
                v.checks());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(1, console.split(java.util.regex.Pattern.quote("found 'p95 150'"), -1).length - 1, console);
        assertTrue(console.stripTrailing().endsWith("CONFIGURATION ERROR (exit 2)"), console);
        assertFalse(console.contains("VERDICT"), console);
    }

    @Test
    void wrappingBreaksAtSpacesUnderTheText() {
        String line = "  FAIL         " + "word ".repeat(40).trim();
        List<String> wrapped = ConsoleReport.wrap(line, 60);
        assertTrue(wrapped.size() > 1);
        assertTrue(wrapped.stream().allMatch(l -> l.length() <= 60), wrapped.toString());
        assertTrue(wrapped.get(1).startsWith(" ".repeat(17) + "word"), wrapped.toString());
        assertEquals(line.replaceAll("\\s+", " "), String.join(" ", wrapped).replaceAll("\\s+", " "));
        assertEquals(List.of("short"), ConsoleReport.wrap("short", 60));
        assertTrue(ConsoleReport.wrap("x".repeat(130), 60).stream().allMatch(l -> l.length() <= 60), "a long word is cut");
    }
}
