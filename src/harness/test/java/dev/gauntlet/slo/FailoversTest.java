package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

/** The failover objective: failed requests while a replica is lost, and when traffic flows around it. */
class FailoversTest {
    private static final long T0 = 2_000_000_000L;
    private static final Failover FAILOVER = new Failover("failover", Objective.Scope.all(), 0.01, Comparison.AT_MOST,
            Duration.ofSeconds(5));

    private final List<LoadResults.Interval> intervals = new ArrayList<>();

    /** {@code ok} answered and {@code failed} 5xx requests in each second from {@code from} to {@code to}. */
    private void seconds(int from, int to, int ok, int failed) {
        for (int s = from; s < to; s++) {
            add(s, Outcome.OK, ok);
            add(s, Outcome.SERVER_ERROR, failed);
            add(s, Outcome.RATE_LIMITED, 5); // a 429 is the API's choice, not a failure of the failover
        }
    }

    private void add(int second, Outcome outcome, int count) {
        if (count == 0) {
            return;
        }
        Histogram h = new Histogram(1, 120_000_000L, 2);
        h.recordValueWithCount(10_000, count);
        intervals.add(new LoadResults.Interval(T0 + second * 1000L, "GET /products", "baseline", outcome, h));
    }

    private LoadResults load(int seconds) {
        Timeline t = new Timeline(T0, List.of(new Timeline.Window("baseline", true, T0, T0 + seconds * 1000L, 30)));
        return new LoadResults("S", t, List.of("GET /products"), List.of(), List.of(), null, intervals, Map.of());
    }

    private static FaultEdge lost(String service, int on, int off) {
        return new FaultEdge(service, "stop", "baseline", T0 + on * 1000L, T0 + on * 1000L, T0 + off * 1000L,
                T0 + off * 1000L, null);
    }

    @Test
    void aSeamlessLossPassesBothParts() {
        seconds(0, 30, 30, 0);
        List<ObjectiveResult> r = Slos.evaluate(List.of(FAILOVER), load(30), List.of(lost("api#2", 10, 20)));
        assertEquals(2, r.size(), r.toString());
        assertEquals(Status.PASS, r.get(0).status(), r.get(0).detail());
        assertEquals(0.0, r.get(0).measured());
        assertEquals(300, r.get(0).samples(), "the 10 s of the loss, 429s left out");
        assertEquals(Status.PASS, r.get(1).status(), r.get(1).detail());
        assertEquals(0.0, r.get(1).measured());
        assertEquals("failover", r.get(0).kind());
    }

    @Test
    void requestsSentToTheLostReplicaUntilTheChecksNoticeFailTheBudgetButRerouteInTime() {
        seconds(0, 10, 30, 0);
        seconds(10, 12, 15, 15); // half the requests go to the lost replica for 2 s
        seconds(12, 30, 30, 0);
        List<ObjectiveResult> r = Slos.evaluate(List.of(FAILOVER), load(30), List.of(lost("api#2", 10, 20)));
        assertEquals(Status.FAIL, r.get(0).status(), r.get(0).detail());
        assertEquals(10.0, r.get(0).measured(), 1e-9, "30 of 300 failed");
        assertEquals(Status.PASS, r.get(1).status(), r.get(1).detail());
        assertEquals(2.0, r.get(1).measured(), "traffic flowed around it from the third second");
    }

    @Test
    void trafficThatNeverFlowsAroundTheLostReplicaFailsTheReroute() {
        seconds(0, 10, 30, 0);
        seconds(10, 20, 15, 15); // a health check that answers 200 while the replica cannot serve
        seconds(20, 30, 30, 0);
        List<ObjectiveResult> r = Slos.evaluate(List.of(FAILOVER), load(30), List.of(lost("api#2", 10, 20)));
        assertEquals(Status.FAIL, r.get(1).status(), r.get(1).detail());
        assertTrue(r.get(1).detail().contains("never flowed around"), r.get(1).detail());
    }

    @Test
    void aLateRerouteFailsTheLimit() {
        seconds(0, 10, 30, 0);
        seconds(10, 17, 15, 15);
        seconds(17, 30, 30, 0);
        List<ObjectiveResult> r = Slos.evaluate(List.of(FAILOVER), load(30), List.of(lost("api#2", 10, 20)));
        assertEquals(Status.FAIL, r.get(1).status(), r.get(1).detail());
        assertEquals(7.0, r.get(1).measured());
    }

    @Test
    void tooFewRequestsOrNoReplicaFaultIsInconclusiveNotAPass() {
        seconds(0, 30, 3, 0);
        List<ObjectiveResult> few = Slos.evaluate(List.of(FAILOVER), load(30), List.of(lost("api#2", 10, 20)));
        assertEquals(Status.INCONCLUSIVE, few.get(0).status(), few.get(0).detail());
        assertTrue(few.get(0).detail().contains("too few"), few.get(0).detail());
        List<ObjectiveResult> none = Slos.evaluate(List.of(FAILOVER), load(30), List.of(lost("payments", 10, 20)));
        assertEquals(1, none.size());
        assertEquals(Status.INCONCLUSIVE, none.get(0).status(), none.get(0).detail());
    }

    @Test
    void aLossTooShortToSeeARerouteIsInconclusive() {
        seconds(0, 30, 30, 0);
        seconds(10, 13, 0, 30);
        List<ObjectiveResult> r = Slos.evaluate(List.of(FAILOVER), load(30), List.of(lost("api#2", 10, 13)));
        assertEquals(Status.INCONCLUSIVE, r.get(1).status(), r.get(1).detail());
    }

    @Test
    void theObjectiveRefusesAnImpossibleBudget() {
        assertThrows(IllegalArgumentException.class, () -> new Failover("f", Objective.Scope.all(), 1.5,
                Comparison.AT_MOST, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new Failover("f", Objective.Scope.all(), 0.01,
                Comparison.AT_LEAST, Duration.ofSeconds(5)));
    }
}
