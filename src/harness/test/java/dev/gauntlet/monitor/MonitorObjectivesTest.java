package dev.gauntlet.monitor;

import dev.gauntlet.slo.Monitoring;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The monitoring objectives scored on polls and faults written down: how soon health told, whether a metric moved. */
class MonitorObjectivesTest {
    private static final Monitoring HEALTH = new Monitoring("ready", Monitoring.Signal.HEALTH,
            null, "/ready", null, Duration.ofSeconds(3));
    private static final Monitoring METRICS = new Monitoring("errors",
            Monitoring.Signal.METRICS, null, "/metrics", "errors_total", null);
    /** Payments stopped from 10 s to 20 s after the epoch. */
    private static final FaultEdge STOP = new FaultEdge("payments", "stop", "outage", 10_000, 10_000, 20_000, 20_000, null);

    /** A poll every 500 ms from 0 to 30 s. */
    private static List<Poll> polls(LongFunction<Poll> at) {
        List<Poll> out = new ArrayList<>();
        for (long t = 0; t <= 30_000; t += 500) {
            out.add(at.apply(t));
        }
        return out;
    }

    private static ObjectiveResult score(Monitoring o, List<Poll> polls, List<FaultEdge> faults) {
        return MonitorObjectives.evaluate(List.of(o), Map.of(o.name(), polls), faults, "orders-api").get(0);
    }

    private static Poll health(long t, boolean up) {
        return Monitor.health(t, up ? 200 : 503, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }

    @Test
    void anEndpointThatTellsTheOutageAndItsEndPasses() {
        ObjectiveResult r = score(HEALTH, polls(t -> health(t, t < 11_000 || t >= 21_000)), List.of(STOP));
        assertEquals(Status.PASS, r.status(), r.detail());
        assertEquals(1000.0, r.measured(), "the slower of telling (1 s) and recovering (1 s): " + r);
        assertTrue(r.detail().contains("payments stop: not healthy 1.0 s after it began (503 status DOWN)"), r.detail());
    }

    @Test
    void anEndpointThatStaysUpThroughTheOutageFails() {
        ObjectiveResult r = score(HEALTH, polls(t -> health(t, true)), List.of(STOP));
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertTrue(r.detail().contains("reported healthy all the 10.0 s it was on (21 answers, e.g. 200 status UP)"),
                r.detail());
    }

    @Test
    void tellingTooLateOrRecoveringTooLateFails() {
        ObjectiveResult late = score(HEALTH, polls(t -> health(t, t < 15_000 || t >= 20_500)), List.of(STOP));
        assertEquals(Status.FAIL, late.status(), late.detail());
        assertEquals(5000.0, late.measured());
        ObjectiveResult stuck = score(HEALTH, polls(t -> health(t, t < 10_500)), List.of(STOP));
        assertEquals(Status.FAIL, stuck.status(), stuck.detail());
        assertTrue(stuck.detail().contains("still not healthy 10.0 s after it ended (at the last poll)"), stuck.detail());
    }

    @Test
    void recoveryIsJudgedOnlyUntilTheNextFaultBegins() {
        FaultEdge pause = new FaultEdge("payments", "pause", "outage", 21_000, 21_000, 26_000, 26_000, null);
        ObjectiveResult r = score(HEALTH, polls(t -> health(t, t < 10_500 || t >= 27_000)), List.of(pause, STOP));
        assertEquals(Status.PASS, r.status(), r.detail());
        assertTrue(r.detail().contains("payments stop: not healthy 0.5 s after it began (503 status DOWN); its recovery "
                + "not judged: the next fault began 1.0 s after it ended"), r.detail());
        FaultEdge later = new FaultEdge("payments", "pause", "outage", 25_000, 25_000, 26_000, 26_000, null);
        ObjectiveResult stuck = score(HEALTH, polls(t -> health(t, t < 10_500 || t >= 27_000)), List.of(STOP, later));
        assertEquals(Status.FAIL, stuck.status(), "5 s were enough to see it recover: " + stuck.detail());
        assertTrue(stuck.detail().contains("still not healthy 5.0 s after it ended (when the next fault began)"),
                stuck.detail());
    }

    @Test
    void aHealthEndpointThatDoesNotAnswerIsNotHealthy() {
        Poll none = new Poll(1, 0, false, null, "no answer: HttpTimeoutException");
        assertEquals(false, none.up());
        assertEquals(false, Monitor.health(1, 200, "{\"status\": \"fail\"}").up(), "IETF health check's fail");
        assertEquals(true, Monitor.health(1, 200, "ok").up());
    }

    @Test
    void faultsOnTheMonitoredServiceItselfAndNoFaultAtAllAreNotJudged() {
        FaultEdge own = new FaultEdge("orders-api", "pause", null, 10_000, 10_000, 20_000, 20_000, null);
        ObjectiveResult r = score(HEALTH, polls(t -> health(t, true)), List.of(own));
        assertEquals(Status.WARN, r.status(), r.detail());
        assertTrue(r.detail().contains("no fault took a dependency of orders-api down"), r.detail());
    }

    private static Poll metric(long t, double v) {
        return new Poll(t, 200, true, v, null);
    }

    @Test
    void aCounterThatGrowsDuringTheFaultPasses() {
        ObjectiveResult r = score(METRICS, polls(t -> metric(t, t < 10_000 ? 2 : t < 20_000 ? 2 + (t - 10_000) / 1000 : 12)),
                List.of(STOP));
        assertEquals(Status.PASS, r.status(), r.detail());
        assertEquals(10.0, r.measured());
        assertTrue(r.detail().contains("errors_total 2 before, 12 during, 12 after"), r.detail());
    }

    @Test
    void aCounterThatNeverMovesFails() {
        ObjectiveResult r = score(METRICS, polls(t -> metric(t, 0)), List.of(STOP));
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertEquals(0.0, r.measured());
    }

    @Test
    void aSeriesThatIsNotExposedFailsAndSaysWhy() {
        ObjectiveResult r = score(METRICS, polls(t -> new Poll(t, 200, true, null, "no series errors_total in the exposition")),
                List.of(STOP));
        assertEquals(Status.FAIL, r.status(), r.detail());
        assertTrue(r.detail().contains("could not be read before it (no series errors_total"), r.detail());
    }
}
