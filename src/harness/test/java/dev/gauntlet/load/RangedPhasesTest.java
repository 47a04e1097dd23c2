package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.concurrent.duration.FiniteDuration;

/** Phases that end when decided: the span syntax, the plan, the live injection and the clock it follows. */
class RangedPhasesTest {
    private static final Duration S5 = Duration.ofSeconds(5);

    @Test
    void aSpanIsADurationARangeOrAuto() {
        assertEquals(Span.of(Duration.ofSeconds(30)), Span.parse("30s"));
        assertFalse(Span.parse("30s").ranged());
        Span range = Span.parse(" 10s .. 1m ");
        assertEquals(new Span(Duration.ofSeconds(10), Duration.ofMinutes(1)), range);
        assertTrue(range.ranged());
        assertEquals("10s..1m", range.toString());
        assertEquals(Span.AUTO, Span.parse("auto"));
        IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class, () -> Span.parse("60s..10s"));
        assertTrue(backwards.getMessage().contains("backwards"), backwards.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Span.parse("10s-60s"));
        assertTrue(bad.getMessage().contains("10s..60s") && bad.getMessage().contains("'10s-60s'"), bad.getMessage());
    }

    @Test
    void onlyAConstantRateCanEndWhenDecided() {
        assertThrows(IllegalArgumentException.class,
                () -> new Phase("ramp", true, 10, 20, new Span(S5, Duration.ofSeconds(10))));
        assertThrows(IllegalArgumentException.class,
                () -> new Phase("idle", true, 0, 0, new Span(S5, Duration.ofSeconds(10))));
        Phase p = new Phase("baseline", true, 30, 30, new Span(S5, Duration.ofSeconds(10)));
        assertTrue(p.ranged());
        assertEquals(Duration.ofSeconds(10), p.duration(), "duration is the maximum");
    }

    @Test
    void aRangedPlanTravelsToTheWorkerWithItsMinimum() {
        LoadPlan plan = LoadPlan.warmup(20, Span.AUTO).baseline(30, Span.parse("10s..30s")).spike(6, Duration.ofSeconds(15));
        LoadPlan back = LoadPlan.decode(plan.encode());
        assertEquals(plan.phases(), back.phases());
        assertTrue(back.ranged());
        assertEquals(Duration.ofSeconds(30), back.minimumDuration());
        assertEquals(Duration.ofSeconds(75), back.duration());
        assertEquals(plan.phases(), LoadPlan.decode(plan.encode()).share(1).phases());
        assertEquals(Duration.ofSeconds(10), plan.share(2).phases().get(1).minimum(), "a share keeps the range");
        assertEquals(Duration.ofSeconds(20), LoadPlan.decode("warmup:false:20.0:20.0:20000").duration(),
                "a plan encoded before ranges still reads");
    }

    /** Arrival offsets in ms until the iterator ends, with {@code decideAt} ms: the clock allows the ranged phase to end. */
    private static List<Double> arrivals(LoadPlan plan, PhaseClock clock, int rangedPhase, double decideAt) {
        LiveInjection.Arrivals it = new LiveInjection.Arrivals(plan.phases(), clock);
        List<Double> out = new ArrayList<>();
        while (it.hasNext()) {
            FiniteDuration d = it.next();
            double ms = d.toNanos() / 1e6;
            if (ms >= decideAt && clock.mayEnd(rangedPhase) == null) {
                clock.allowEnd(rangedPhase, PhaseClock.DECIDED);
            }
            out.add(ms);
            assertTrue(out.size() < 100_000, "the arrivals are bounded");
        }
        return out;
    }

    @Test
    void aRangedPhaseEndsAtTheFirstArrivalAfterItIsDecidedButNotBeforeItsMinimum() {
        LoadPlan plan = LoadPlan.warmup(10, Duration.ofSeconds(2)).baseline(10, Span.parse("5s..20s"))
                .spike(2, Duration.ofSeconds(3));
        List<Timeline> told = new ArrayList<>();
        PhaseClock clock = new PhaseClock(plan, told::add);
        clock.start(1_000_000);
        // decided 1.5 s into the baseline: before its 5 s minimum, so it ends at 2 + 5 = 7 s
        List<Double> a = arrivals(plan, clock, 1, 3_500);
        Timeline t = clock.timeline();
        assertEquals(1_007_000, t.windows().get(1).end());
        assertEquals(PhaseClock.DECIDED, t.windows().get(1).ended());
        assertEquals(1_010_000, t.windows().get(2).end(), "the fixed spike follows at once, for its 3 s");
        // 2 s × 10/s + 5 s × 10/s + 3 s × 20/s
        assertEquals(20 + 50 + 60, a.size());
        assertEquals(7_000, a.get(70), 1e-6, "the spike's first arrival is where the baseline ended");
        assertEquals(7_050, a.get(71), 1e-6, "at the spike's rate");
        assertEquals(2, told.size(), "announced at the start and when the baseline ended");
    }

    @Test
    void anUndecidedPhaseRunsToItsMaximum() {
        LoadPlan plan = LoadPlan.empty().hold("baseline", 4, Span.parse("1s..3s"));
        PhaseClock clock = new PhaseClock(plan, t -> { });
        clock.start(0);
        List<Double> a = arrivals(plan, clock, 0, Double.POSITIVE_INFINITY);
        assertEquals(12, a.size());
        assertEquals(PhaseClock.MAXIMUM, clock.timeline().windows().get(0).ended());
        assertEquals(3_000, clock.timeline().windows().get(0).end());
    }

    @Test
    void aDecisionAfterTheMinimumEndsThePhaseWithinOneArrival() {
        LoadPlan plan = LoadPlan.empty().hold("baseline", 10, Span.parse("1s..60s")).hold("recovery", 10,
                Duration.ofSeconds(1));
        PhaseClock clock = new PhaseClock(plan, t -> { });
        clock.start(0);
        List<Double> a = arrivals(plan, clock, 0, 4_321);
        // the decision comes after the arrival at 4.4 s was handed out: the next one, 4.5 s, is the recovery's first
        assertEquals(4_500, clock.timeline().windows().get(0).end());
        assertEquals(45 + 10, a.size());
    }

    @Test
    void aRampInAFixedPlanSpacesArrivalsByItsIntegratedRate() {
        Phase ramp = new Phase("ramp", true, 0, 10, Duration.ofSeconds(10));
        // users by τ: τ²/2 = k, so the 50th arrives at 10 s, the 8th at 4 s
        assertEquals(4_000, LiveInjection.Arrivals.offset(ramp, 8), 1e-6);
        assertEquals(10_000, LiveInjection.Arrivals.offset(ramp, 50), 1e-6);
        Phase down = new Phase("down", true, 10, 0, Duration.ofSeconds(10));
        assertEquals(Double.POSITIVE_INFINITY, LiveInjection.Arrivals.offset(down, 51), "no 51st user on the way down");
        assertEquals(Double.POSITIVE_INFINITY, LiveInjection.Arrivals.offset(new Phase("idle", true, 0, 0, S5), 0));
    }

    @Test
    void anEndBeforeTheClockStartsIsAppliedWhenItDoes() {
        LoadPlan plan = LoadPlan.empty().hold("baseline", 10, Span.parse("1s..5s"));
        PhaseClock clock = new PhaseClock(plan, t -> { });
        assertNull(clock.timeline());
        clock.ended(0, 2_000, PhaseClock.DECIDED);
        clock.start(500);
        assertEquals(2_500, clock.timeline().windows().get(0).end());
    }
}
