package dev.gauntlet.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import dev.gauntlet.report.Report;
import dev.gauntlet.report.Verdicts;
import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A run's figures in the text exposition format: names, labels, base units, and what is counted where. */
class ExpositionTest {
    /** One sample line of the text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*)} (\\S+)");

    private static Histogram hist(long micros, long count) {
        Histogram h = new Histogram(1, 60_000_000L, 3);
        h.recordValueWithCount(micros, count);
        return h;
    }

    private static LoadResults load() {
        List<LoadResults.Cell> cells = new ArrayList<>();
        cells.add(new LoadResults.Cell("GET /orders/{id}", "baseline", Outcome.OK, hist(10_000, 100)));
        cells.add(new LoadResults.Cell("GET /orders/{id}", "baseline", Outcome.SERVER_ERROR, hist(20_000, 5)));
        // many quick 429s: were they counted in the latency, the median would be 1 ms
        cells.add(new LoadResults.Cell("GET /orders/{id}", "baseline", Outcome.RATE_LIMITED, hist(1_000, 200)));
        cells.add(new LoadResults.Cell("POST /orders", "spike", Outcome.OK, hist(40_000, 10)));
        cells.add(new LoadResults.Cell("POST /orders", "spike", Outcome.RATE_LIMITED_WITHOUT_RETRY_AFTER,
                hist(2_000, 3)));
        cells.add(new LoadResults.Cell("POST /orders", "spike", Outcome.NO_RESPONSE, hist(50_000, 2)));
        Timeline t = new Timeline(0, List.of(new Timeline.Window("baseline", true, 0, 10_000, 30),
                new Timeline.Window("spike", true, 10_000, 20_000, 90)));
        return new LoadResults("S", t, List.of("GET /orders/{id}", "POST /orders"), cells, List.of(), null, List.of(),
                Map.of());
    }

    private static Report report(List<ObjectiveResult> objectives, Report.Aborted aborted) {
        Verdicts.Verdict v = Verdicts.of(null, null, objectives, List.of(), aborted);
        return new Report(v.status(), v.reasons(), "20261129-061500-local", "2026-11-29T06:15:00Z",
                "2026-11-29T06:16:40Z", 100.5, new Report.EnvironmentInfo("local", "local", List.of()), null, null,
                objectives, List.of(), aborted, v.checks());
    }

    private static final List<ObjectiveResult> OBJECTIVES = List.of(
            new ObjectiveResult("orders p95", "latency", "baseline", "GET /orders/{id}", Status.PASS, 180.0,
                    Comparison.BELOW, 250,
                    "ms", 70.0, 105, "p95 180 ms < 250 ms", Map.of()),
            new ObjectiveResult("spike \"errors\"", "error-rate", "spike", "all", Status.FAIL, 12.5,
                    Comparison.BELOW, 1, "%", -11.5,
                    15, "12.5 % > 1 %", Map.of()),
            new ObjectiveResult("nothing measured", "latency", "spike", "all", Status.INCONCLUSIVE, null,
                    Comparison.BELOW, 300, "ms",
                    null, 0, "no samples", Map.of()));

    /** Samples by the whole line before the value: {@code name{labels}}. */
    private static Map<String, Double> samples(String text) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                assertTrue(line.matches("# (HELP|TYPE) [a-z_]+ .+"), line);
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "a valid sample line: " + line);
            assertFalse(out.containsKey(line.substring(0, line.lastIndexOf(' '))), "no duplicate series: " + line);
            out.put(line.substring(0, line.lastIndexOf(' ')), Double.parseDouble(m.group(3).replace("+Inf",
                    "Infinity")));
        }
        return out;
    }

    @Test
    void perOperationAndPhaseCountsAndPercentilesInSecondsWith429sLeftOutOfTheLatency() {
        String text = Exposition.of(report(OBJECTIVES, null), load()).text();
        Map<String, Double> s = samples(text);
        String op = "operation=\"GET /orders/{id}\",phase=\"baseline\"";
        String run = "run=\"20261129-061500-local\"";
        assertEquals(305, s.get("gauntlet_requests{" + op + "," + run + "}"), text);
        assertEquals(5, s.get("gauntlet_errors{" + op + "," + run + "}"), text);
        assertEquals(200, s.get("gauntlet_rate_limited{" + op + "," + run + "}"), text);
        double p50 = s.get("gauntlet_latency_seconds{" + op + ",quantile=\"0.5\"," + run + "}");
        double p99 = s.get("gauntlet_latency_seconds{" + op + ",quantile=\"0.99\"," + run + "}");
        assertEquals(0.010, p50, 0.0001, "median of the answers, 429s left out");
        assertEquals(0.020, p99, 0.0001, "p99 holds the slow 5xx answers");
        String spike = "operation=\"POST /orders\",phase=\"spike\"";
        assertEquals(15, s.get("gauntlet_requests{" + spike + "," + run + "}"));
        assertEquals(2, s.get("gauntlet_errors{" + spike + "," + run + "}"), "no answer is an error");
        assertEquals(3, s.get("gauntlet_rate_limited{" + spike + "," + run + "}"), "429 without Retry-After too");
        assertEquals(0.050, s.get("gauntlet_latency_seconds{" + spike + ",quantile=\"0.99\"," + run + "}"), 0.0005,
                "HdrHistogram keeps 3 significant digits");
    }

    @Test
    void objectivesInBaseUnitsWithTheirStatusAndTheVerdict() {
        Map<String, Double> s = samples(Exposition.of(report(OBJECTIVES, null), load()).text());
        String p95 = "objective=\"orders p95\",kind=\"latency\",phase=\"baseline\",operation=\"GET /orders/{id}\"";
        assertEquals(0, s.get("gauntlet_objective_status{" + p95 + ",run=\"20261129-061500-local\"}"));
        assertEquals(0.18, s.get("gauntlet_objective_measured{" + p95 + ",unit=\"seconds\",run=\"20261129-061500-local\"}"),
                1e-9);
        assertEquals(0.25, s.get("gauntlet_objective_threshold{" + p95 + ",unit=\"seconds\",run=\"20261129-061500-local\"}"),
                1e-9);
        assertEquals(0.07, s.get("gauntlet_objective_margin{" + p95 + ",unit=\"seconds\",run=\"20261129-061500-local\"}"),
                1e-9);
        String errors = "objective=\"spike \\\"errors\\\"\",kind=\"error-rate\",phase=\"spike\",operation=\"all\"";
        assertEquals(3, s.get("gauntlet_objective_status{" + errors + ",run=\"20261129-061500-local\"}"),
                "a quote in a name is escaped");
        assertEquals(0.125, s.get("gauntlet_objective_measured{" + errors + ",unit=\"ratio\",run=\"20261129-061500-local\"}"),
                1e-9);
        assertEquals(1, s.get("gauntlet_objective_status{objective=\"nothing measured\",kind=\"latency\","
                + "phase=\"spike\",operation=\"all\",run=\"20261129-061500-local\"}"), "INCONCLUSIVE is 1");
        assertTrue(s.keySet().stream().noneMatch(k -> k.startsWith("gauntlet_objective_measured{objective=\"nothing")),
                "nothing measured: no measured series");
        assertEquals(3, s.get("gauntlet_verdict{run=\"20261129-061500-local\"}"), "FAIL is 3");
        assertEquals(100.5, s.get("gauntlet_run_duration_seconds{run=\"20261129-061500-local\"}"));
        assertEquals(1795932900.0, s.get("gauntlet_run_start_timestamp_seconds{run=\"20261129-061500-local\"}"));
        assertEquals(1, s.get("gauntlet_checks{status=\"FAIL\",run=\"20261129-061500-local\"}"));
        assertEquals(1, s.get("gauntlet_checks{status=\"INCONCLUSIVE\",run=\"20261129-061500-local\"}"));
    }

    @Test
    void anAbortedRunWithoutLoadStillHasItsVerdictAndTheStageItStoppedIn() {
        Exposition e = Exposition.of(report(List.of(), new Report.Aborted("environment", "db did not start")), null);
        Map<String, Double> s = samples(e.text());
        assertEquals(3, s.get("gauntlet_verdict{run=\"20261129-061500-local\"}"));
        assertEquals(1, s.get("gauntlet_run_info{verdict=\"FAIL\",aborted=\"environment\",simulation=\"\","
                + "run=\"20261129-061500-local\"}"));
        assertFalse(e.names().contains("gauntlet_latency_seconds"));
        assertFalse(e.names().contains("gauntlet_objective_status"));
    }

    @Test
    void twoResultsWithTheSameLabelsAreOneSeries() {
        List<ObjectiveResult> twice = List.of(OBJECTIVES.get(0), OBJECTIVES.get(0));
        Exposition e = Exposition.of(report(twice, null), null);
        assertEquals(1, e.text().lines().filter(l -> l.startsWith("gauntlet_objective_status{")).count(), e.text());
    }

    @Test
    void labelValuesAndNumbersAreWrittenAsTheFormatWants() {
        assertEquals("a\\\\b\\\"c\\nd", Exposition.escape("a\\b\"c\nd"));
        assertEquals("3", Exposition.number(3.0));
        assertEquals("0.25", Exposition.number(0.25));
        assertEquals("NaN", Exposition.number(Double.NaN));
        assertEquals("+Inf", Exposition.number(Double.POSITIVE_INFINITY));
    }
}
