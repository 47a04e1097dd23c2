package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A percentile objective's confidence bounds show in the console row and in the page's measured cell. */
class IntervalViewsTest {

    private static Report report(ObjectiveResult... objectives) {
        return new Report(Status.INCONCLUSIVE, List.of(), "run-1", "a", "b", 1,
                new Report.EnvironmentInfo("local", "local", List.of()), null, null, List.of(objectives), List.of(), null);
    }

    private static final ObjectiveResult UNSURE = new ObjectiveResult("baseline GET /orders p95 latency", "latency",
            "baseline", "GET /orders", Status.INCONCLUSIVE, 14.0, Comparison.BELOW, 150, "ms", 136.0, 40,
            "p95 of 40 answered requests is 14.0 ms, limit 150 ms; at least 8.0 ms (one-sided 95 % bound; too few "
            + "samples for an upper one): too few samples", Map.of(
            "lowerBound", 8.0, "boundConfidencePercent", 95.0, "intervalConfidencePercent", 90.0));
    private static final ObjectiveResult RATE = new ObjectiveResult("baseline error rate", "error-rate", "baseline",
            "all", Status.PASS, 0.0, Comparison.BELOW, 1, "%", 1.0, 900, "0 of 900 requests failed",
            Map.of("errors", 0.0));

    @Test
    void theConsoleRowCarriesTheBounds() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleReport.print(report(UNSURE, RATE), new PrintStream(out, true, StandardCharsets.UTF_8), true);
        String text = out.toString(StandardCharsets.UTF_8);
        String row = text.lines().filter(l -> l.contains("GET /orders p95")).findFirst().orElseThrow();
        assertTrue(row.startsWith("  INCONCLUSIVE") || row.contains("INCONCLUSIVE"), row);
        assertTrue(text.replaceAll("\\s+", " ").contains("136.0 ms at least 8.0 ms (one-sided 95 % bound; too few "
                + "samples for an upper one)"), "the bounds follow the row, wrapped to 120 columns:\n" + text);
        assertTrue(text.lines().allMatch(l -> l.length() <= ConsoleReport.WIDTH), text);
        String other = text.lines().filter(l -> l.contains("baseline error rate")).findFirst().orElseThrow();
        assertFalse(other.contains("bounds"), other);
        assertTrue(other.indexOf("baseline error rate") == row.indexOf("baseline GET"), "columns line up:\n" + row + "\n" + other);
    }

    @Test
    void thePageShowsTheBoundsOnceInTheObjectivesRow() {
        String bounds = "at least 8.0 ms (one-sided 95 % bound; too few samples for an upper one)";
        String page = Html.render(report(UNSURE, RATE), null, Path.of("."));
        String row = page.substring(page.indexOf("<tr id=\"objective-baseline-baseline-get-orders-p95-latency\">"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertEquals(1, row.split(java.util.regex.Pattern.quote(bounds), -1).length - 1, "in the detail, once: " + row);
        ObjectiveResult plain = UNSURE.with(Status.INCONCLUSIVE, "too few samples", UNSURE.figures());
        String alone = Html.render(report(plain, RATE), null, Path.of("."));
        assertTrue(alone.contains("14.0 ms<br><small class=\"bounds\">" + bounds + "</small>"),
                "under the measured value when the detail does not say them: " + alone);
        assertFalse(page.contains("to none"), "no bound is written as a missing one");
    }
}
