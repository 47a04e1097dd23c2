package dev.gauntlet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingTest {

    private static ObjectiveResult result(String name, Status status) {
        return new ObjectiveResult(name, "latency", "baseline", "all", status, 180.0,
                Comparison.BELOW, 150, "ms", -30.0, 900,
                "p95 of 900 answered requests is 180.0 ms, limit 150 ms", Map.of());
    }

    private static RunRecord run(int i, String name, Status status) {
        return new RunRecord("run-" + i, Instant.ofEpochSecond(i), "local", "plan", null, status, List.of(),
                List.of(new RunRecord.Result(name, "latency", "baseline", "all", status, 100.0, "ms")));
    }

    @Test
    void aFailIsAWarningUntilTheObjectiveHasPassedNRuns() {
        List<RunRecord> earlier = new ArrayList<>();
        earlier.add(run(1, "p95", Status.PASS));
        earlier.add(run(2, "p95", Status.FAIL));
        earlier.add(run(3, "p95", Status.PASS));
        earlier.add(run(4, "other", Status.PASS));
        ObjectiveResult r = Pending.apply(result("p95", Status.FAIL), 5, earlier);
        assertEquals(Status.WARN, r.status());
        assertTrue(r.detail().startsWith("pending: 2 of 5 passing runs so far"), r.detail());
        assertEquals(2.0, r.figures().get("pendingPassed"));
        earlier.add(run(5, "p95", Status.PASS));
        earlier.add(run(6, "p95", Status.PASS));
        earlier.add(run(7, "p95", Status.WARN)); // a pending FAIL shown as WARN is not a pass
        assertEquals(Status.WARN, Pending.apply(result("p95", Status.FAIL), 5, earlier).status());
        earlier.add(run(8, "p95", Status.PASS));
        ObjectiveResult binding = Pending.apply(result("p95", Status.FAIL), 5, earlier);
        assertEquals(Status.FAIL, binding.status(), binding.detail());
    }

    @Test
    void passesAndInconclusiveResultsKeepTheirStatusAndSayHowFarAlong() {
        List<RunRecord> earlier = List.of(run(1, "p95", Status.PASS));
        ObjectiveResult pass = Pending.apply(result("p95", Status.PASS), 3, earlier);
        assertEquals(Status.PASS, pass.status());
        assertTrue(pass.detail().endsWith("(pending: 1 of 3 passing runs so far)"), pass.detail());
        assertEquals(Status.INCONCLUSIVE, Pending.apply(result("p95", Status.INCONCLUSIVE), 3, earlier).status());
    }

    @Test
    void withoutAHistoryAFailStaysAWarningAndSaysHistoryIsNeeded() {
        ObjectiveResult r = Pending.apply(result("p95", Status.FAIL), 1, null);
        assertEquals(Status.WARN, r.status());
        assertTrue(r.detail().contains("set history:"), r.detail());
        assertEquals(Status.WARN, Pending.apply(result("p95", Status.FAIL), 1, List.of()).status(),
                "a history with no runs yet: 0 of 1");
        assertThrows(IllegalArgumentException.class, () -> Pending.apply(List.of(), 0, null));
    }

    @Test
    void scoringAppliesPendingOnlyToTheObjectivesThatHaveIt() {
        Objective.Latency pending = new Objective.Latency("new p95", Objective.Scope.all(), 95, Duration.ofMillis(150));
        Objective.Latency binding = new Objective.Latency("old p99", Objective.Scope.all(), 99, Duration.ofMillis(500));
        List<ObjectiveResult> scored = Pending.score(List.of(pending, binding), Map.of("new p95", 3),
                objectives -> objectives.stream().map(o -> result(o.name(), Status.FAIL)).toList(), List.of());
        assertEquals(List.of(Status.WARN, Status.FAIL), scored.stream().map(ObjectiveResult::status).toList());
    }
}
