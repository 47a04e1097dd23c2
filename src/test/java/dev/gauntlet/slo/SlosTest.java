package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SlosTest {
    private final List<LoadResults.Cell> cells = new ArrayList<>();

    private void add(String phase, Outcome outcome, long count, long micros) {
        Histogram h = new Histogram(1, 120_000_000L, 2);
        h.recordValueWithCount(micros, count);
        cells.add(new LoadResults.Cell("GET /products", phase, outcome, h));
    }

    private LoadResults results() {
        Timeline t = new Timeline(0, List.of(new Timeline.Window("warmup", false, 0, 10_000, 10),
                new Timeline.Window("baseline", true, 10_000, 40_000, 30)));
        return new LoadResults("S", t, List.of("GET /products"), cells, List.of(), null, List.of());
    }

    private static Objective.Latency p99(String phase, long ms) {
        return new Objective.Latency("p99", new Objective.Scope(phase, null), 99, Duration.ofMillis(ms));
    }

    @Test
    void latencyPassesUnderAndFailsOverItsThresholdWithMargin() {
        add("baseline", Outcome.OK, 980, 20_000);
        add("baseline", Outcome.OK, 20, 300_000);
        ObjectiveResult pass = Slos.evaluate(p99("baseline", 400), results());
        assertEquals(Status.PASS, pass.status());
        assertEquals(300.0, pass.measured(), 3.0);
        assertEquals(100.0, pass.margin(), 3.0);
        assertEquals(1000, pass.samples());
        ObjectiveResult fail = Slos.evaluate(p99("baseline", 200), results());
        assertEquals(Status.FAIL, fail.status());
        assertTrue(fail.margin() < 0);
    }

    @Test
    void warmupIsNotScoredUnlessNamedAndRateLimitedAnswersAreNotLatency() {
        add("warmup", Outcome.OK, 1000, 900_000);
        add("baseline", Outcome.OK, 1000, 10_000);
        add("baseline", Outcome.RATE_LIMITED, 1000, 900_000);
        assertEquals(Status.PASS, Slos.evaluate(p99(null, 50), results()).status());
        assertEquals(Status.FAIL, Slos.evaluate(p99("warmup", 50), results()).status());
    }

    @Test
    void tooFewSamplesForThePercentileWarnsInsteadOfPassing() {
        add("baseline", Outcome.OK, 50, 10_000);
        ObjectiveResult r = Slos.evaluate(p99("baseline", 400), results());
        assertEquals(Status.WARN, r.status());
        assertTrue(r.detail().contains("needs 100"), r.detail());
    }

    @Test
    void errorRateCountsServerErrorsAndMissingAnswersOnly() {
        add("baseline", Outcome.OK, 970, 10_000);
        add("baseline", Outcome.CLIENT_ERROR, 10, 10_000);
        add("baseline", Outcome.RATE_LIMITED, 10, 10_000);
        add("baseline", Outcome.SERVER_ERROR, 5, 10_000);
        add("baseline", Outcome.NO_RESPONSE, 5, 2_000_000);
        Objective.ErrorRate limit = new Objective.ErrorRate("errors", Objective.Scope.all(), 0.02);
        ObjectiveResult r = Slos.evaluate(limit, results());
        assertEquals(Status.PASS, r.status());
        assertEquals(1.0, r.measured(), 1e-9);
        assertEquals("%", r.unit());
        Objective.ErrorRate strict = new Objective.ErrorRate("errors", Objective.Scope.all(), 0.005);
        assertEquals(Status.FAIL, Slos.evaluate(strict, results()).status());
    }

    @Test
    void anUnknownPhaseFailsWithTheKnownOnes() {
        add("baseline", Outcome.OK, 1000, 10_000);
        ObjectiveResult r = Slos.evaluate(p99("spike", 400), results());
        assertEquals(Status.FAIL, r.status());
        assertTrue(r.detail().contains("no phase 'spike'") && r.detail().contains("baseline"), r.detail());
    }
}
