package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.fault.FaultEvidence;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A fault's evidence reaches the verdict, the console and the HTML report. */
class FaultEvidenceReportTest {
    private static final Report.Fault TOOK_EFFECT = new Report.Fault("payments", "stop", "outage", "a", "b", 2000, 5000,
            10, 20, null, FaultEvidence.shown("connections to payments refused", "connect to 127.0.0.1:4711 refused at +0.01 s"));
    private static final Report.Fault NO_EFFECT = new Report.Fault("payments", "latency", "outage", "c", "d", 6000, 9000,
            10, 20, null, FaultEvidence.notShown("requests to payments delayed >= 2000 ms",
            "probe at +0.01 s answered 201 after 9 ms; 0 of 14 requests to payments delayed >= 2000 ms (WireMock journal)"));

    private static Report report(List<Report.Fault> faults) {
        Verdicts.Verdict v = Verdicts.of(null, null, List.of(), faults, null);
        return new Report(v.status(), v.reasons(), "run-1", "2026-11-28T00:00:00Z", "2026-11-28T00:01:00Z", 60,
                new Report.EnvironmentInfo("local", "local", List.of()), null, null, List.of(), faults, null);
    }

    @Test
    void aFaultThatDidNotTakeEffectFailsTheGateWithItsEvidence() {
        Report r = report(List.of(TOOK_EFFECT, NO_EFFECT));
        assertEquals(Status.FAIL, r.verdict());
        assertEquals(List.of("fault could not be applied: latency on payments: expected requests to payments delayed "
                + ">= 2000 ms; observed probe at +0.01 s answered 201 after 9 ms; 0 of 14 requests to payments delayed "
                + ">= 2000 ms (WireMock journal)"), r.reasons());
        assertEquals(Status.PASS, report(List.of(TOOK_EFFECT)).verdict(), "a fault that took effect fails nothing");
    }

    @Test
    void theEvidenceIsShownOnTheConsoleAndInTheHtmlReport() {
        Report r = report(List.of(TOOK_EFFECT, NO_EFFECT));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleReport.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String console = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("    took effect: connect to 127.0.0.1:4711 refused at +0.01 s"), console);
        assertTrue(console.replaceAll("\\s+", " ").contains(" did not take effect: expected requests to payments delayed "
                + ">= 2000 ms; observed probe at +0.01 s answered 201 after 9 ms"), console);

        String html = Html.render(r, null, Path.of("/tmp/run-1"));
        assertTrue(html.contains("<th>took effect</th><th>evidence</th>"), html);
        assertTrue(html.contains("<td class=\"PASS\">yes</td><td>expected connections to payments refused<br>observed "
                + "connect to 127.0.0.1:4711 refused at +0.01 s</td>"), html);
        assertTrue(html.contains("<td class=\"FAIL\">no</td><td>expected requests to payments delayed &gt;= 2000 ms"), html);
    }
}
