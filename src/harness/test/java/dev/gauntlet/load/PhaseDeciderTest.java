package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the worker lets a ranged phase end: decided claims, held phases, settled warm-ups. */
class PhaseDeciderTest {
    private static final long T0 = 1_000_000;
    private static final List<String> OPS = List.of("GET /a", "GET /b", LoadRun.SET_UP + "POST /state");

    private static Histogram answers(long count, long micros) {
        Histogram h = new Histogram(1, LoadRecorder.MAX_MICROS, LoadRecorder.SIGNIFICANT_DIGITS);
        h.recordValueWithCount(micros, count);
        return h;
    }

    private static PhaseClock clock(LoadPlan plan) {
        PhaseClock c = new PhaseClock(plan, t -> { });
        c.start(T0);
        return c;
    }

    private final LoadPlan plan = LoadPlan.empty().hold("baseline", 50, Span.parse("4s..30s"));

    /** A decider of the baseline's one claim "p{@code percentile} of {@code operation} under 100 ms" on {@code clock}. */
    private static PhaseDecider oneClaim(PhaseClock clock, String operation, double percentile) {
        return new PhaseDecider(clock, new PhaseRules(List.of(new PhaseRules.Claim("baseline", operation, percentile,
                100_000)), Set.of()), () -> OPS);
    }

    @Test
    void aPhaseEndsOnceEveryOperationsClaimIsDecidedAtItsLook() {
        PhaseClock clock = clock(plan);
        PhaseDecider d = oneClaim(clock, PhaseRules.EACH, 95);
        // 14 looks planned (4 s .. 30 s every 2 s): an early look is at 0.025 / 13; p95 with none over needs 122
        d.interval(0, 0, Outcome.OK, answers(200, 10_000));
        d.interval(1, 0, Outcome.OK, answers(100, 10_000));
        d.flushed(T0 + 3_000);
        assertNull(clock.mayEnd(0), "never before the minimum");
        d.flushed(T0 + 4_000);
        assertNull(clock.mayEnd(0), "GET /b has 100 answers: too few at an early look's level");
        d.interval(1, 0, Outcome.RATE_LIMITED, answers(500, 1_000));
        d.flushed(T0 + 5_000);
        assertNull(clock.mayEnd(0), "429s are not answers a latency claim counts");
        d.interval(1, 0, Outcome.OK, answers(41, 10_000));
        d.flushed(T0 + 6_000);
        assertEquals(PhaseClock.DECIDED, clock.mayEnd(0), "141 and 200 answers, none over: both PASS");
    }

    /** Whether the baseline may end after one look at {@code answers} ({operation, outcome ordinal, count, micros}). */
    private String afterOneLook(String operation, double percentile, long[]... answers) {
        PhaseClock clock = clock(plan);
        PhaseDecider d = oneClaim(clock, operation, percentile);
        for (long[] a : answers) {
            d.interval((int) a[0], 0, Outcome.values()[(int) a[1]], answers(a[2], a[3]));
        }
        d.flushed(T0 + 4_000);
        return clock.mayEnd(0);
    }

    @Test
    void aClaimClearlyBrokenEndsThePhaseToo() {
        // errors are answers a latency claim counts
        assertEquals(PhaseClock.DECIDED, afterOneLook(PhaseRules.ALL, 99,
                        new long[] {0, Outcome.OK.ordinal(), 80, 10_000},
                        new long[] {1, Outcome.SERVER_ERROR.ordinal(), 20, 900_000}),
                "20 of 100 over a p99 limit: FAIL is decided");
    }

    @Test
    void setUpTrafficIsNotTheApis() {
        assertNull(afterOneLook(PhaseRules.ALL, 50, new long[] {2, Outcome.OK.ordinal(), 1_000, 10_000}),
                "only set-up answers: the API's claim has none");
    }

    @Test
    void aHeldPhaseRunsToItsMaximumAndOneWithoutClaimsEndsAtItsMinimum() {
        PhaseClock held = clock(plan);
        PhaseDecider d = new PhaseDecider(held, new PhaseRules(List.of(), Set.of("baseline")), () -> OPS);
        d.flushed(T0 + 10_000);
        assertNull(held.mayEnd(0));
        PhaseClock free = clock(plan);
        new PhaseDecider(free, PhaseRules.NONE, () -> OPS).flushed(T0 + 4_000);
        assertEquals(PhaseClock.DECIDED, free.mayEnd(0));
    }

    @Test
    void theLastPhaseRunToItsMaximumIsReportedAtTheClosingFlush() {
        LoadPlan last = LoadPlan.empty().hold("baseline", 50, Span.parse("4s..10s"));
        PhaseClock clock = clock(last);
        PhaseDecider d = oneClaim(clock, PhaseRules.ALL, 99);
        clock.ended(0, 10_000, PhaseClock.MAXIMUM);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream was = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            d.flushed(T0 + 9_980); // its last users still answering: the phase's end is not yet on the wall clock
            d.flushed(T0 + 11_400);
        } finally {
            System.setOut(was);
        }
        assertEquals("[load] baseline: ran to its maximum; not decided at the last early look: all operations p99 < 100 "
                + "ms (0 answers, 0 at or over)", out.toString().strip(), "said once");
    }

    @Test
    void theLastPlannedLookIsLeftToTheGatesScore() {
        LoadPlan shortRange = LoadPlan.empty().hold("baseline", 50, Span.parse("4s..5s"));
        PhaseClock clock = clock(shortRange);
        assertEquals(1, PhaseDecider.planned(shortRange.phases().get(0)).looks());
        PhaseDecider d = new PhaseDecider(clock, PhaseRules.NONE, () -> OPS);
        d.flushed(T0 + 4_500);
        assertNull(clock.mayEnd(0), "one look only, at the maximum: nothing is looked at early");
    }

    @Test
    void aWarmupEndsWhenItsLatencySettles() {
        LoadPlan warm = LoadPlan.warmup(20, Span.parse("2s..30s")).baseline(10, Duration.ofSeconds(5));
        PhaseClock clock = clock(warm);
        PhaseDecider d = new PhaseDecider(clock, PhaseRules.NONE, () -> OPS);
        // a cold start: 100 ms falling to 10 ms over the first 2 s, then flat
        for (long ms = 0; ms < 12_000; ms += 50) {
            long micros = ms < 2_000 ? 100_000 - ms * 45 : 10_000 + (ms / 50 % 3) * 200;
            d.answer(0, T0 + ms, micros);
        }
        d.flushed(T0 + 3_000);
        assertNull(clock.mayEnd(0), "3 s in, the transient is more than half of what was seen");
        d.flushed(T0 + 12_000);
        assertEquals(PhaseClock.SETTLED, clock.mayEnd(0));
    }

    @Test
    void theRulesTravelToTheWorkerByFile(@TempDir Path dir) {
        assertEquals(PhaseRules.NONE, PhaseRules.read(dir));
        PhaseRules rules = new PhaseRules(List.of(new PhaseRules.Claim("baseline", "GET /orders/{id}", 95, 150_000),
                new PhaseRules.Claim("recovery", PhaseRules.ALL, 99.9, 500_000)), Set.of("spike", "soak"));
        rules.write(dir);
        assertEquals(rules, PhaseRules.read(dir));
        assertEquals(1, rules.on("recovery").size());
    }
}
