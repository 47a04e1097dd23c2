package dev.gauntlet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.contract.AllowedExposure;
import dev.gauntlet.contract.ContractFailure;
import dev.gauntlet.contract.Coverage;
import dev.gauntlet.contract.Exposure;
import dev.gauntlet.contract.InteractionResult;
import dev.gauntlet.fault.FaultEvidence;
import dev.gauntlet.probe.ProbeKind;
import dev.gauntlet.probe.ProbeResult;
import dev.gauntlet.probe.SecurityResults;
import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * One verdict, every view: reports holding every kind of check (PASS, WARN and FAIL of each source, and an aborted
 * run) are rendered as console text, report.json, junit.xml and index.html, and every check must be in each view:
 * a FAIL as a failing JUnit test case with the reason as its message, a WARN as a skipped one, both as reasons in the
 * console, the JSON and the page.
 */
class EveryViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ContractFailure BODY = new ContractFailure("storefront", "a product <by sku>", "products exist",
            "body", "$.price", "12.50", "\"12.50\"", "Expected a number");
    private static final ContractFailure STATUS = new ContractFailure("storefront", "a product <by sku>", "products exist",
            "status", "", "200", "500", "expected status 200 but was 500");

    private static Report.Contracts contracts() {
        List<InteractionResult> results = List.of(
                new InteractionResult("storefront", "the catalogue", "", "GET", "/products", List.of(), 12),
                new InteractionResult("storefront", "a product <by sku>", "products exist", "GET", "/products/SKU-1",
                        List.of(BODY, STATUS), 15));
        Coverage coverage = new Coverage(2, 1, List.of("DELETE /orders/{id}"), List.of(
                new Coverage.Row("GET /products", 1, null), new Coverage.Row("DELETE /orders/{id}", 0, null)));
        return new Report.Contracts(2, 1, 1, List.of(BODY, STATUS), List.of("billing-orders-api.json is not a Pact file"),
                List.of("storefront-orders-api.json"), results, coverage,
                List.of(new Exposure("GET /products", List.of("items[].internalCostCents"))),
                List.of(new AllowedExposure("GET /orders", "type", "RFC 9457 problem type")), 30);
    }

    private static Report.Load load(List<String> refused) {
        return new Report.Load("simulations.SpikeSimulation", 100, List.of(), refused, null, List.of());
    }

    private static ObjectiveResult objective(String name, Status status, String detail) {
        return new ObjectiveResult(name, "latency", "baseline", "all", status, 10.0, Comparison.BELOW, 150,
                "ms", 140.0, 100, detail, Map.of());
    }

    private static final List<ObjectiveResult> OBJECTIVES = List.of(
            objective("baseline p95 latency", Status.PASS, "p95 of 100 answered requests is 10.0 ms, limit 150 ms"),
            objective("baseline p99 latency", Status.WARN, "too few samples: 12 answered requests, p99 needs 299"),
            objective("spike & <rate> limit", Status.FAIL, "p99 of 400 admitted requests is 612.0 ms, limit 500 ms"));

    private static final List<Report.Fault> FAULTS = List.of(
            new Report.Fault("payments", "stop", "outage", "a", "b", 2000, 5000, 10, 20, null),
            new Report.Fault("payments", "latency", "outage", "a", null, 6000, 0, 0, 0, "could not apply: 404 from /__admin"),
            new Report.Fault("payments", "pause", "outage", "a", "b", 7000, 9000, 0, 0, null,
                    FaultEvidence.notShown("connections accepted, never answered", "answered 200 in 3 ms")));

    private static final ProbeResult BOLA = new ProbeResult(ProbeKind.BOLA, "DELETE /orders/{id}",
            "storefront / a request to cancel one of the caller's orders", "as bob instead of alice", false,
            "bob must get 403 or 404 for a resource of alice, but got 204",
            new ProbeResult.Request("DELETE", "http://127.0.0.1:1/orders/o-1", Map.of("Authorization", "<credentials of bob>"),
                    null), new ProbeResult.Answer(204, ""), Map.of("after", "$.status: CONFIRMED -> CANCELLED"));

    private static final SecurityResults SECURITY = new SecurityResults(List.of(
            new SecurityResults.Kind(ProbeKind.BOLA, true, 2, 1, 0)), List.of(BOLA), List.of(), 6, 40);

    private static final Report.Aborted ABORTED = new Report.Aborted("load",
            "the load worker failed (exit 1)\n--- last lines of the load worker's log ---\nOutOfMemoryError", null, null);

    private static Report report(Report.Contracts contracts, Report.Load load, List<ObjectiveResult> objectives,
                                 List<Report.Fault> faults, Report.Aborted aborted) {
        return report(contracts, load, objectives, faults, aborted, null);
    }

    private static Report report(Report.Contracts contracts, Report.Load load, List<ObjectiveResult> objectives,
                                 List<Report.Fault> faults, Report.Aborted aborted, SecurityResults security) {
        Verdicts.Verdict v = Verdicts.of(contracts, load, objectives, faults, aborted, security);
        return new Report(v.status(), v.reasons(), "run-1", "2026-11-29T00:00:00Z", "2026-11-29T00:01:00Z", 60,
                new Report.EnvironmentInfo("local", "local", List.of()), contracts, load, objectives, faults, aborted,
                v.checks(), security);
    }

    @Test
    void everyKindOfCheckIsMadeOnce() {
        Report r = report(contracts(), load(List.of("example.com:443")), OBJECTIVES, FAULTS, ABORTED, SECURITY);
        Set<String> kinds = new LinkedHashSet<>();
        r.checks().forEach(c -> kinds.add(c.status() + " " + c.source()));
        assertEquals(Set.of("PASS faults", "FAIL faults", "FAIL gate", "FAIL contracts", "PASS contracts.storefront",
                "FAIL contracts.storefront", "PASS contracts.coverage", "FAIL contracts.coverage",
                "FAIL contracts.exposure", "PASS contracts.exposure", "FAIL load", "PASS objectives.baseline",
                "WARN objectives.baseline", "FAIL objectives.baseline", "FAIL security.bola"), kinds);
        assertTrue(r.reasons().contains("fault could not be applied: pause on payments: expected connections accepted,"
                + " never answered; observed answered 200 in 3 ms"), r.reasons().toString());
        assertEquals(Status.FAIL, r.verdict());
        List<String> failFirst = new ArrayList<>();
        for (Status s : List.of(Status.FAIL, Status.WARN, Status.INCONCLUSIVE)) {
            r.checks().stream().filter(c -> c.status() == s).map(Reason::message).forEach(failFirst::add);
        }
        assertEquals(failFirst, r.reasons(), "FAIL first, then WARN, then INCONCLUSIVE; nothing merged here");
        assertTrue(r.reasons().contains("contract broken: " + BODY.summary() + " (and 1 more mismatch)"), r.reasons().toString());
        assertTrue(r.checks().stream().anyMatch(c -> c.evidence().contains(STATUS.summary())), "every mismatch is evidence");
    }

    @Test
    void everyCheckIsInEveryViewOfAFailedRun(@TempDir Path dir) throws Exception {
        assertEveryCheckInEveryView(report(contracts(), load(List.of("example.com:443")), OBJECTIVES, FAULTS, ABORTED,
                SECURITY), dir);
    }

    @Test
    void everyCheckIsInEveryViewOfARunThatOnlyWarns(@TempDir Path dir) throws Exception {
        Report r = report(null, load(List.of()), OBJECTIVES.subList(0, 2), FAULTS.subList(0, 1), null,
                new SecurityResults(List.of(new SecurityResults.Kind(ProbeKind.BOLA, true, 3, 0, 0)), List.of(), List.of(),
                        6, 40));
        assertEquals(Status.WARN, r.verdict());
        assertEveryCheckInEveryView(r, dir);
        Document junit = junit(dir);
        assertEquals(0, junit.getElementsByTagName("failure").getLength(), "a WARN keeps Jenkins green");
        assertEquals(1, junit.getElementsByTagName("skipped").getLength(), "but shows it");
    }

    @Test
    void aReportMadeWithoutChecksGetsThemFromItsEvidence() {
        Report r = new Report(Status.FAIL, List.of(), "run-1", "a", "b", 1, new Report.EnvironmentInfo("local", "local",
                List.of()), contracts(), null, OBJECTIVES, FAULTS, ABORTED);
        assertEquals(Verdicts.of(contracts(), null, OBJECTIVES, FAULTS, ABORTED).checks(), r.checks());
    }

    private static void assertEveryCheckInEveryView(Report r, Path dir) throws Exception {
        ReportWriter.write(r, dir);
        Html.write(r, null, dir);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleReport.print(r, new PrintStream(out, true, StandardCharsets.UTF_8));
        String console = out.toString(StandardCharsets.UTF_8);
        String html = Files.readString(dir.resolve("index.html"));
        JsonNode json = JSON.readTree(dir.resolve("report.json").toFile());
        Document junit = junit(dir);

        List<String> missing = new ArrayList<>();
        List<String> jsonReasons = new ArrayList<>();
        json.get("reasons").forEach(n -> jsonReasons.add(n.asText()));
        List<String> jsonChecks = new ArrayList<>();
        json.get("checks").forEach(n -> jsonChecks.add(n.get("status").asText() + "|" + n.get("source").asText() + "|"
                + n.get("name").asText() + "|" + n.get("message").asText()));
        NodeList cases = junit.getElementsByTagName("testcase");
        for (Reason c : r.checks()) {
            boolean reason = c.status() != Status.PASS;
            if (!jsonChecks.contains(c.status() + "|" + c.source() + "|" + c.name() + "|" + c.message())) {
                missing.add("report.json checks: " + c);
            }
            if (reason != jsonReasons.contains(c.message())) {
                missing.add("report.json reasons: " + c);
            }
            if (reason && !console.replaceAll("\\s+", " ").contains(" " + c.status() + " " + c.message().replaceAll("\\s+", " "))) {
                missing.add("console: " + c);
            }
            if (!html.contains(Html.escape(c.message())) || reason && !html.contains("<li><span class=\"" + c.status()
                    + "\">" + c.status() + "</span> <a href=\"#" + ReasonLines.anchor(c) + "\">"
                    + Html.escape(c.message()) + "</a>")) {
                missing.add("index.html: " + c);
            }
            if (!inJunit(cases, c)) {
                missing.add("junit.xml: " + c);
            }
        }
        assertEquals(List.of(), missing);
        Element suites = junit.getDocumentElement();
        assertEquals(Long.toString(r.checks().stream().filter(c -> c.status() == Status.FAIL).count()),
                suites.getAttribute("failures"));
        assertEquals(r.checks().size(), cases.getLength(), "one test case per check, no more");
        for (int i = 0; i < cases.getLength(); i++) {
            Element t = (Element) cases.item(i);
            if (t.getAttribute("name").equals("a product <by sku>")) {
                assertEquals("0.015", t.getAttribute("time"), "an interaction's test case takes its time");
            }
        }
    }

    /** A test case of the check's class and name that fails (FAIL), is skipped (WARN) or passes, with its message. */
    private static boolean inJunit(NodeList cases, Reason c) {
        for (int i = 0; i < cases.getLength(); i++) {
            Element t = (Element) cases.item(i);
            if (!t.getAttribute("classname").equals("gauntlet.local." + c.source()) || !t.getAttribute("name").equals(c.name())) {
                continue;
            }
            NodeList failure = t.getElementsByTagName("failure");
            NodeList skipped = t.getElementsByTagName("skipped");
            boolean ok = switch (c.status()) {
                case FAIL -> failure.getLength() == 1 && ((Element) failure.item(0)).getAttribute("message").equals(c.message());
                case WARN, INCONCLUSIVE -> failure.getLength() == 0 && skipped.getLength() == 1
                        && ((Element) skipped.item(0)).getAttribute("message").equals(c.message());
                case PASS -> failure.getLength() == 0 && skipped.getLength() == 0;
            };
            if (ok && t.getElementsByTagName("system-out").item(0).getTextContent().contains(c.message())) {
                return true;
            }
        }
        return false;
    }

    private static Document junit(Path dir) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("junit.xml").toFile());
    }
}
