package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every view shows an objective's threshold the same way, with the comparator as the objective was written (a count
 * that must stay zero in words: "none may fail", "no write lost"), and report.json carries the comparator and numbers.
 */
class ComparatorViewsTest {
    private static final Objective.Throughput THROUGHPUT = new Objective.Throughput("baseline throughput",
            new Objective.Scope("baseline", null), 0.95);

    private static List<ObjectiveResult> objectives() {
        List<ObjectiveResult> out = new ArrayList<>(new SecurityResults(List.of(
                new SecurityResults.Kind(ProbeKind.BOLA, true, 4, 0, 0)), List.of(), List.of(), 4, 10).objectives());
        out.add(ObjectiveResult.of(new Objective.Durability("no acknowledged write lost"), "no acknowledged write lost",
                "all", "all", Status.PASS, 0.0, 0, "writes", 0.0, 12, "12 acknowledged writes, 12 read back", Map.of()));
        out.add(ObjectiveResult.of(THROUGHPUT, THROUGHPUT.name(), "baseline", "all", Status.PASS, 97.5, 95, "%", 2.5,
                900, "97.5 % answered", Map.of()));
        return out;
    }

    private static Report report() {
        List<ObjectiveResult> objectives = objectives();
        Verdicts.Verdict v = Verdicts.of(null, null, objectives, List.of(), null);
        return new Report(v.status(), v.reasons(), "run-1", "2026-12-06T00:00:00Z", "2026-12-06T00:01:00Z", 60,
                new Report.EnvironmentInfo("local", "local", List.of()), null, null, objectives, List.of(), null,
                v.checks());
    }

    @Test
    void reportJsonCarriesTheComparatorBesideEveryFieldItHad(@TempDir Path dir) throws Exception {
        ReportWriter.write(report(), dir);
        JsonNode objectives = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).get("objectives");
        assertEquals(List.of("<", "<=", ">="), List.of(objectives.get(0).get("comparator").asText(),
                objectives.get(1).get("comparator").asText(), objectives.get(2).get("comparator").asText()));
        JsonNode security = objectives.get(0);
        for (String field : List.of("name", "kind", "phase", "operation", "status", "measured", "threshold", "unit",
                "margin", "samples", "detail", "figures")) {
            assertTrue(security.has(field), field + " in " + security);
        }
        assertEquals("security", security.get("kind").asText());
        assertEquals(1.0, security.get("threshold").asDouble(), "no probe may fail: fewer than 1");
        assertEquals(1.0, security.get("margin").asDouble());
        assertEquals("durability", objectives.get(1).get("kind").asText());
    }

    @Test
    void consoleHtmlAndJunitShowTheSameThreshold(@TempDir Path dir) throws Exception {
        Report r = report();
        ReportWriter.write(r, dir);
        String junit = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("junit.xml").toFile()).getDocumentElement().getTextContent();
        String html = Html.render(r, null, dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        String console = bytes.toString(StandardCharsets.UTF_8);
        for (String[] shown : new String[][] {{"none may fail", "0 failed"}, {"no write lost", "0 writes"},
                {">= 95 %", "97.5 %"}}) {
            String limit = shown[0];
            assertTrue(console.contains(limit), limit + " in the console:\n" + console);
            assertTrue(html.contains(Html.escape(limit)), limit + " in index.html");
            assertTrue(junit.contains("threshold " + limit), limit + " in junit.xml:\n" + junit);
            assertTrue(console.contains(shown[1]), shown[1] + " in the console:\n" + console);
        }
        for (String view : List.of(console, html, junit)) {
            assertFalse(view.contains("≤") || view.contains("≥"), "no comparator but the one written");
            assertFalse(view.contains("1.0 failed") || view.contains("0.0 writes"), "counts are whole numbers");
            assertFalse(view.contains("< 1 failed") || view.contains("<= 0 writes")
                    || view.contains("&lt; 1 failed") || view.contains("&lt;= 0 writes"),
                    "a count that must stay zero is said in words, not as a comparison");
        }
    }
}
