package dev.gauntlet.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The regression judge on synthetic histograms: noise passes, a real shift fails, too little data is inconclusive. */
class RegressionTest {
    static final String OP = "GET /products/{sku}";
    static final Calibration MACHINE = new Calibration(80, 5);

    /** Log-normal latencies around {@code medianMs}, spread 0.3, as a service answers. */
    static Histogram latencies(long seed, int n, double medianMs) {
        Random r = new Random(seed);
        Histogram h = new Histogram(1, 120_000_000L, 2);
        for (int i = 0; i < n; i++) {
            h.recordValue(Math.max(1, Math.round(medianMs * 1000 * Math.exp(0.3 * r.nextGaussian()))));
        }
        return h;
    }

    static RunRecord.Cell cell(Histogram h, long errors) {
        return new RunRecord.Cell(OP, "baseline", h, h.getTotalCount() + errors, errors, 0);
    }

    /** Earlier runs whose medians vary run to run by {@code runSpread} (log sd). */
    static List<RunRecord> history(int runs, double runSpread, int samples, Calibration calibration) {
        Random r = new Random(42);
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double median = 10 * Math.exp(runSpread * r.nextGaussian());
            out.add(new RunRecord("run-" + i, Instant.ofEpochSecond(1_000_000 + i * 3600L), "local", "plan", calibration,
                    Status.PASS, List.of(cell(latencies(100 + i, samples, median), 0)), List.of()));
        }
        return out;
    }

    static ObjectiveResult judge(RunRecord.Cell current, Calibration now, List<RunRecord> earlier) {
        return Regression.judge(RegressionSpec.DEFAULT, "baseline " + OP + " p95 regression", "local", current, now,
                earlier);
    }

    @Test
    void aRunLikeTheEarlierOnesPasses() {
        List<RunRecord> earlier = history(7, 0.04, 1000, MACHINE);
        int passed = 0;
        for (int seed = 0; seed < 20; seed++) {
            ObjectiveResult r = judge(cell(latencies(seed, 1000, 10), 0), MACHINE, earlier);
            passed += r.status() == Status.PASS ? 1 : 0;
            assertEquals(Objective.Kind.REGRESSION.label(), r.kind());
        }
        assertEquals(20, passed);
    }

    @Test
    void aClearSlowdownFailsWithItsFigures() {
        ObjectiveResult r = judge(cell(latencies(7, 1000, 14), 0), MACHINE, history(7, 0.04, 1000, MACHINE));
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertTrue(r.figures().get("ratio") > 1.3, r.figures().toString());
        assertTrue(r.figures().get("currentLow") > r.figures().get("baselineMax"), r.figures().toString());
        assertTrue(r.figures().get("pValue") < 0.05, r.figures().toString());
        assertEquals(7.0, r.figures().get("earlierRuns"));
        assertTrue(r.detail().startsWith("slower: p95"), r.detail());
        assertNotNull(r.measured());
    }

    /** Whole-millisecond timings as Gatling gives them: {@code zeros} answers timed 0 ms, the rest 1 ms. */
    private static Histogram loopback(long zeros, long ones) {
        Histogram h = new Histogram(1, 120_000_000L, 2);
        h.recordValueWithCount(0, zeros);
        h.recordValueWithCount(1000, ones);
        return h;
    }

    private static RunRecord run(String id, Histogram h) {
        return new RunRecord(id, Instant.ofEpochSecond(1_000_000), "local", "plan",
                MACHINE, Status.PASS, List.of(cell(h, 0)), List.of());
    }

    /**
     * Sub-millisecond loopback answers are timed 0 ms: an earlier run whose p95 is 0 must leave the judgement defined
     * (it made the log spread NaN: no FAIL ever, p printed as 0.0).
     */
    @Test
    void anEarlierRunWithSubMillisecondAnswersLeavesTheJudgementDefined() {
        List<RunRecord> earlier = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            earlier.add(run("run-" + i, loopback(900, 100))); // p95 1 ms
        }
        earlier.add(run("run-zero", loopback(1000, 0))); // p95 0 ms
        Histogram slow = new Histogram(1, 120_000_000L, 2);
        slow.recordValueWithCount(5000, 1000);
        ObjectiveResult slower = judge(cell(slow, 0), MACHINE, earlier);
        assertEquals(Status.FAIL, slower.status(), slower.detail());
        double p = slower.figures().get("pValue");
        assertTrue(p > 0 && p < 0.05, slower.figures().toString());
        assertTrue(!slower.detail().contains("NaN") && !slower.detail().contains("Infinity"), slower.detail());
        ObjectiveResult same = judge(cell(loopback(920, 80), 0), MACHINE, earlier);
        assertEquals(Status.PASS, same.status(), same.detail());
        assertTrue(same.figures().get("pValue") > 0.05, same.figures().toString());
        // every run sub-millisecond, this one too: one level, nothing slower
        List<RunRecord> allZero = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            allZero.add(run("run-" + i, loopback(1000, 0)));
        }
        ObjectiveResult still = judge(cell(loopback(1000, 0), 0), MACHINE, allZero);
        assertEquals(Status.PASS, still.status(), still.detail());
        assertEquals(1.0, still.figures().get("ratio"), still.figures().toString());
    }

    @Test
    void aShiftWithinTheToleranceOrWithinRunToRunVariationPasses() {
        // +10 %: within the +20 % tolerance
        assertEquals(Status.PASS, judge(cell(latencies(7, 5000, 11), 0), MACHINE, history(7, 0.02, 5000, MACHINE))
                .status());
        // +30 %, but the earlier runs themselves varied by ~25 % from one run to the next
        ObjectiveResult wide = judge(cell(latencies(7, 5000, 13), 0), MACHINE, history(7, 0.25, 5000, MACHINE));
        assertEquals(Status.PASS, wide.status(), wide.detail());
        assertTrue(wide.detail().contains("run-to-run variation") || wide.detail().contains("sampling noise"),
                wide.detail());
    }

    @Test
    void tooFewEarlierRunsIsInconclusiveWithTheReason() {
        ObjectiveResult r = judge(cell(latencies(7, 1000, 20), 0), MACHINE, history(2, 0.04, 1000, MACHINE));
        assertEquals(Status.INCONCLUSIVE, r.status());
        assertTrue(r.detail().contains("2 earlier runs of environment local with this plan, 3 needed"), r.detail());
    }

    @Test
    void tooFewSamplesIsInconclusiveWithTheReason() {
        ObjectiveResult r = judge(cell(latencies(7, 30, 20), 0), MACHINE, history(7, 0.04, 1000, MACHINE));
        assertEquals(Status.INCONCLUSIVE, r.status());
        assertTrue(r.detail().contains("30 answered requests in this run: too few for a 95 % interval of p95"),
                r.detail());
        // earlier runs with too few samples in this cell do not count either
        ObjectiveResult thin = judge(cell(latencies(7, 1000, 20), 0), MACHINE, history(7, 0.04, 40, MACHINE));
        assertEquals(Status.INCONCLUSIVE, thin.status());
        assertTrue(thin.detail().contains("0 of the 7 earlier runs"), thin.detail());
    }

    @Test
    void aSlowMachineMakesAWouldBeFailInconclusive() {
        Calibration slow = new Calibration(200, 5);
        ObjectiveResult r = judge(cell(latencies(7, 1000, 14), 0), slow, history(7, 0.04, 1000, MACHINE));
        assertEquals(Status.INCONCLUSIVE, r.status(), r.detail());
        assertTrue(r.detail().contains("this machine is 2.5x slower"), r.detail());
        // the same machine as before: the same shift fails
        assertEquals(Status.FAIL, judge(cell(latencies(7, 1000, 14), 0), MACHINE, history(7, 0.04, 1000, MACHINE))
                .status());
    }

    @Test
    void aShiftTheMachinesOwnSlowdownExplainsPassesAndOneBeyondItFails() {
        // the CI run this comes from: the machine 1.38x slower, an untouched operation 1.41x slower
        Calibration busy = new Calibration(80 * 1.4, 5);
        List<RunRecord> earlier = history(3, 0.02, 1000, MACHINE);
        ObjectiveResult explained = judge(cell(latencies(7, 1000, 14), 0), busy, earlier);
        assertEquals(Status.PASS, explained.status(), explained.detail());
        assertTrue(explained.detail().contains("scaled by 1.40 for this machine's slowdown"), explained.detail());
        assertEquals(1.4, explained.figures().get("machineSlowdown"), 0.01);
        // the same shift on the same machine as before fails; a shift well beyond the slowdown fails on the busy one
        assertEquals(Status.FAIL, judge(cell(latencies(7, 1000, 14), 0), MACHINE, earlier).status());
        ObjectiveResult beyond = judge(cell(latencies(7, 1000, 25), 0), busy, earlier);
        assertEquals(Status.FAIL, beyond.status(), beyond.detail());
        // a faster machine does not make the judgement stricter
        assertEquals(Status.PASS, judge(cell(latencies(7, 1000, 10.5), 0), new Calibration(40, 2), earlier).status());
    }

    @Test
    void aSlowMachineDoesNotExplainErrors() {
        Calibration slow = new Calibration(200, 5);
        ObjectiveResult r = judge(cell(latencies(7, 1000, 10), 60), slow, history(5, 0.04, 1000, MACHINE));
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertTrue(r.detail().contains("errors 60 of 1060 requests"), r.detail());
    }

    @Test
    void moreErrorsThanTheEarlierRunsFail() {
        List<RunRecord> earlier = history(5, 0.04, 1000, MACHINE);
        ObjectiveResult r = judge(cell(latencies(7, 1000, 10), 60), MACHINE, earlier);
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertTrue(r.detail().contains("errors 60 of 1060 requests"), r.detail());
        assertEquals(Status.PASS, judge(cell(latencies(7, 1000, 10), 3), MACHINE, earlier).status());
    }

    @Test
    void orderStatisticBoundsCoverThePercentile() {
        // n = 100, q = 0.95, Y = 100 - X ~ Bin(100, 0.05): P(Y <= 10) = 0.988, P(Y <= 9) = 0.972 → lower rank 90;
        // P(Y >= 1) = 1 - 0.95^100 = 0.994, P(Y >= 2) = 0.963 → upper rank 100
        assertEquals(90, Stats.lowerRank(100, 0.95, 0.025));
        assertEquals(100, Stats.upperRank(100, 0.95, 0.025));
        assertEquals(0.9718, Stats.binomialAtLeast(91, 100, 0.95), 0.0005);
        assertEquals(51, Stats.upperRank(50, 0.95, 0.025)); // 0.95^50 = 0.077: no upper bound
        assertEquals(72, Stats.samplesForInterval(0.95, 0.025));
        assertEquals(0.05, Stats.studentUpperTail(2.015, 5), 0.001);
        assertEquals(0.025, Stats.studentUpperTail(4.303, 2), 0.001);
        assertEquals(0.975, Stats.studentUpperTail(-4.303, 2), 0.001);
        assertEquals(Math.log(24), Stats.logGamma(5), 1e-9);
    }
}
