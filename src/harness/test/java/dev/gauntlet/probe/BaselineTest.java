package dev.gauntlet.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The findings baseline: listed findings WARN, new ones FAIL, expired entries FAIL; written from a report. */
class BaselineTest {
    private static final LocalDate TODAY = LocalDate.of(2027, 6, 1);

    @TempDir
    Path dir;

    private static ProbeResult finding(ProbeKind kind, String operation, String probe) {
        return new ProbeResult(kind, operation, "c / i", probe, false, "why", new ProbeResult.Request("GET",
                "http://127.0.0.1:1/x", Map.of(), null), new ProbeResult.Answer(200, ""), Map.of());
    }

    private static final ProbeResult OLD = finding(ProbeKind.BOLA, "DELETE /orders/{id}", "as bob on a resource of alice");
    private static final ProbeResult NEW = finding(ProbeKind.TOKENS, "GET /orders", "token with one character appended");

    private static SecurityResults results(ProbeResult... failures) {
        return new SecurityResults(List.of(new SecurityResults.Kind(ProbeKind.BOLA, true, 2, 1, 0),
                new SecurityResults.Kind(ProbeKind.TOKENS, true, 2, failures.length - 1, 0)), List.of(failures),
                List.of(), 10, 5);
    }

    private Baseline baseline(String yaml) throws Exception {
        Path f = dir.resolve("baseline.yaml");
        Files.writeString(f, yaml);
        return Baseline.read(f);
    }

    private static Map<String, Status> statuses(SecurityResults r) {
        return r.objectives().stream().collect(java.util.stream.Collectors.toMap(ObjectiveResult::name,
                ObjectiveResult::status));
    }

    @Test
    void aListedFindingWarnsANewOneFails() throws Exception {
        Baseline b = baseline("accepted:\n  - finding: \"" + OLD.key() + "\"\n    reason: legacy endpoint\n"
                + "    expires: 2027-06-01\n");
        SecurityResults r = b.apply(results(OLD, NEW), TODAY);
        assertEquals("legacy endpoint (accepted until 2027-06-01)", r.failures().get(0).accepted());
        assertNull(r.failures().get(1).accepted());
        assertEquals(Status.WARN, statuses(r).get("security object-level authorization"));
        assertEquals(Status.FAIL, statuses(r).get("security forged and expired tokens"));
        assertEquals(Status.WARN, statuses(b.apply(results(OLD), TODAY)).get("security object-level authorization"));
    }

    @Test
    void anExpiredEntryFailsWithItsReasonAndNoLongerAcceptsItsFinding() throws Exception {
        Baseline b = baseline("accepted:\n  - {finding: \"" + OLD.key() + "\", reason: \"fix in ORD-9\", "
                + "expires: 2027-05-31}\n");
        SecurityResults r = b.apply(results(OLD), TODAY);
        assertNull(r.failures().get(0).accepted());
        ObjectiveResult expired = r.objectives().stream().filter(o -> o.name().equals("security baseline"))
                .findFirst().orElseThrow();
        assertEquals(Status.FAIL, expired.status());
        assertTrue(expired.detail().contains("expired on 2027-05-31") && expired.detail().contains("fix in ORD-9"),
                expired.detail());
    }

    @Test
    void anEntryNoFindingMatchesIsNoted() throws Exception {
        Baseline b = baseline("accepted:\n  - {finding: \"" + NEW.key() + "\", reason: r, expires: 2030-01-01}\n");
        SecurityResults r = b.apply(results(OLD), TODAY);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("did not make") && n.contains(NEW.key())), r.notes().toString());
    }

    @Test
    void writtenFromAReportItAcceptsThatRunsFindings() throws Exception {
        String report = new ObjectMapper().writeValueAsString(Map.of("security", results(OLD, NEW)));
        String text = Baseline.write(new ObjectMapper().readTree(report), "known since the first run",
                LocalDate.of(2027, 9, 1));
        Path f = dir.resolve("written.yaml");
        Files.writeString(f, text);
        Baseline b = Baseline.read(f);
        assertEquals(List.of(OLD.key(), NEW.key()), b.entries().stream().map(Baseline.Entry::finding).toList());
        SecurityResults r = b.apply(results(OLD, NEW), TODAY);
        assertTrue(r.failures().stream().noneMatch(ProbeResult::firm), r.toString());
        assertTrue(statuses(r).values().stream().noneMatch(s -> s == Status.FAIL), statuses(r).toString());
    }
}
