package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Recovery after a fault is judged only until the next fault begins, and from the last off-edge of faults that overlap. */
class RecoveryWindowTest {
    private static final long T0 = 1_000_000_000L;
    private static final Objective.Recovery RECOVERY = new Objective.Recovery("recovery", new Objective.Scope(null, null),
            Duration.ofSeconds(5), 99, Duration.ofMillis(500), 0.01);

    private final List<LoadResults.Interval> intervals = new ArrayList<>();

    /** 20 requests per second from {@code from} to {@code to} (seconds of the load), all errors or all fine. */
    private void seconds(int from, int to, boolean healthy) {
        for (int s = from; s < to; s++) {
            Histogram h = new Histogram(1, 120_000_000L, 2);
            h.recordValueWithCount(healthy ? 10_000 : 300_000, 20);
            intervals.add(new LoadResults.Interval(T0 + s * 1000L, "POST /orders", "outage",
                    healthy ? Outcome.OK : Outcome.SERVER_ERROR, h));
        }
    }

    private LoadResults load(int seconds) {
        Timeline t = new Timeline(T0, List.of(new Timeline.Window("outage", true, T0, T0 + seconds * 1000L, 20)));
        return new LoadResults("S", t, List.of("POST /orders"), List.of(), List.of(), null, intervals, Map.of());
    }

    private static FaultEdge fault(String kind, double on, double off) {
        long start = T0 + Math.round(on * 1000);
        long end = T0 + Math.round(off * 1000);
        return new FaultEdge("payments", kind, "outage", start, start, end, end, null);
    }

    private static ObjectiveResult after(List<ObjectiveResult> results, String kind) {
        return results.stream().filter(r -> r.name().endsWith(" " + kind)).findFirst().orElseThrow();
    }

    @Test
    void aFaultThatBeginsBeforeTheRecoveryCouldBeSeenMakesItAWarnNotAFail() {
        // measured on the reference system: latency 10–13 s, errors from 14 s; unhealthy until 30 s
        seconds(0, 10, true);
        seconds(10, 30, false);
        seconds(30, 40, true);
        FaultEdge latency = fault("latency", 10, 13);
        FaultEdge errors = fault("errors", 14, 20);
        List<ObjectiveResult> results = Recoveries.evaluate(RECOVERY, load(40), List.of(latency, errors));

        ObjectiveResult first = after(results, "latency");
        assertEquals(Status.WARN, first.status(), first.detail());
        assertTrue(first.detail().contains("payments errors began 1.0 s after this fault ended"), first.detail());
        assertNull(first.measured(), "nothing was measured about this fault's recovery");
        assertEquals(14.0, first.figures().get("nextFaultAtSecond"));

        ObjectiveResult second = after(results, "errors");
        assertEquals(Status.FAIL, second.status(), "the last fault's own slow recovery still fails: " + second.detail());
        assertEquals(10.0, second.measured(), 1.0);
    }

    @Test
    void whenTheWindowWasLongEnoughToSeeARecoveryWithinTheLimitNotRecoveringStillFails() {
        seconds(0, 10, true);
        seconds(10, 40, false);
        seconds(40, 50, true);
        FaultEdge stop = fault("stop", 8, 10);
        FaultEdge pause = fault("pause", 25, 30); // 15 s later: a 5 s recovery plus 3 stable seconds fit before it
        ObjectiveResult first = after(Recoveries.evaluate(RECOVERY, load(50), List.of(stop, pause)), "stop");
        assertEquals(Status.FAIL, first.status(), first.detail());
        assertTrue(first.detail().contains("never healthy again before payments pause began"), first.detail());
    }

    @Test
    void aRecoverySeenBeforeTheNextFaultIsMeasuredAsUsual() {
        seconds(0, 10, true);
        seconds(10, 12, false);
        seconds(12, 16, true);
        seconds(16, 20, false);
        seconds(20, 30, true);
        FaultEdge stop = fault("stop", 8, 10);
        FaultEdge pause = fault("pause", 16, 18);
        List<ObjectiveResult> results = Recoveries.evaluate(RECOVERY, load(30), List.of(stop, pause));
        ObjectiveResult first = after(results, "stop");
        assertEquals(Status.PASS, first.status(), first.detail());
        assertEquals(2.0, first.measured(), 0.01);
        assertEquals(Status.PASS, after(results, "pause").status());
    }

    @Test
    void withoutTheNextFaultTheSameSecondsWouldHaveFailedIt() {
        // the control for the first test: the same measurements, one fault only
        seconds(0, 10, true);
        seconds(10, 30, false);
        seconds(30, 40, true);
        ObjectiveResult alone = Recoveries.evaluate(RECOVERY, load(40), List.of(fault("latency", 10, 13))).get(0);
        assertEquals(Status.FAIL, alone.status());
        assertEquals(17.0, alone.measured(), 1.0);
    }

    @Test
    void aFaultThatEndsWhileAnotherIsStillOnIsRecoveredFromWithItFromTheLaterOffEdge() {
        // outage.yaml: the database slows down (3–6 s) while Payments is stopped (0–8 s); healthy 2 s after both
        seconds(0, 10, false);
        seconds(10, 30, true);
        FaultEdge stop = fault("stop", 0.5, 8);
        FaultEdge latency = fault("latency", 3, 6);
        List<ObjectiveResult> results = Recoveries.evaluate(RECOVERY, load(30), List.of(stop, latency));
        assertEquals(2, results.size(), "one result per fault");
        ObjectiveResult inner = after(results, "latency");
        assertEquals(Status.PASS, inner.status(), inner.detail());
        assertEquals(2.0, inner.measured(), 0.01);
        assertTrue(inner.detail().contains("healthy again 2 s after payments stop ended (it was still on when this fault "
                + "ended: the two are recovered from together)"), inner.detail());
        assertEquals(6.0, inner.figures().get("faultEndedAtSecond"));
        assertEquals(8.0, inner.figures().get("judgedFromSecond"));
        assertEquals(inner.measured(), after(results, "stop").measured(), "the same recovery, from the same off-edge");
    }

    @Test
    void overlappingFaultsThatNeverGetHealthyFailFromTheLaterOffEdge() {
        seconds(0, 30, false);
        FaultEdge latency = fault("latency", 5, 20);
        FaultEdge errors = fault("errors", 10, 25);
        ObjectiveResult first = after(Recoveries.evaluate(RECOVERY, load(30), List.of(latency, errors)), "latency");
        assertEquals(Status.FAIL, first.status(), first.detail());
        assertTrue(first.detail().startsWith("never healthy again after payments errors ended (it was still on"),
                first.detail());
    }

    @Test
    void aFaultStillOnThatNeverEndsLeavesNothingToJudge() {
        seconds(0, 30, false);
        FaultEdge latency = fault("latency", 5, 20);
        FaultEdge errors = new FaultEdge("payments", "errors", "outage", T0 + 10_000, T0 + 10_000, 0, 0, null);
        ObjectiveResult first = after(Recoveries.evaluate(RECOVERY, load(30), List.of(latency, errors)), "latency");
        assertEquals(Status.WARN, first.status());
        assertTrue(first.detail().contains("payments errors was still on when this fault ended"), first.detail());
    }

    @Test
    void theRecoveryIsMeasuredFromTheLastOffEdgeOfAChainOfOverlaps() {
        FaultEdge a = fault("latency", 2, 5);
        FaultEdge b = fault("stop", 4, 9);
        FaultEdge c = fault("pause", 8, 12);
        FaultEdge instant = fault("restart", 5, 5);            // begins exactly at a's end: not on when a ended
        FaultEdge failed = new FaultEdge("payments", "errors", "outage", T0 + 3_000, 0, T0 + 30_000, 0, "could not apply");
        assertSame(c, RecoveryWindow.judgedFrom(a, List.of(a, b, c, instant, failed)));
        assertSame(c, RecoveryWindow.judgedFrom(b, List.of(a, b, c)));
        assertSame(c, RecoveryWindow.judgedFrom(c, List.of(a, b, c)));
        assertSame(a, RecoveryWindow.judgedFrom(a, List.of(a, instant, failed)));
    }

    @Test
    void theNextFaultIsTheFirstOneOnAtOrAfterTheOffEdge() {
        FaultEdge a = fault("stop", 10, 13);
        FaultEdge before = fault("pause", 2, 5);               // over before a ended: irrelevant
        FaultEdge restart = fault("restart", 13, 13);          // an instant, exactly at a's end
        FaultEdge later = fault("errors", 20, 25);
        FaultEdge failed = new FaultEdge("payments", "latency", "outage", T0 + 11_000, 0, T0 + 12_000, 0, "could not apply: x");
        assertSame(restart, RecoveryWindow.next(a, List.of(a, before, later, restart, failed)).fault());
        assertSame(later, RecoveryWindow.next(a, List.of(a, before, later, failed)).fault());
        assertNull(RecoveryWindow.next(a, List.of(a, before, failed)), "a fault that never happened does not count");
        assertNull(RecoveryWindow.next(later, List.of(a, before, later)));
    }
}
