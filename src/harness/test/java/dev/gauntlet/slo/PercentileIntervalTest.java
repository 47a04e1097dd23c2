package dev.gauntlet.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PercentileIntervalTest {

    private static Histogram histogram(long[] values) {
        Histogram h = new Histogram(1, 120_000_000L, 2);
        for (long v : values) {
            h.recordValue(v);
        }
        return h;
    }

    @Test
    void anUpperBoundExistsFromTheSameSampleCountsAsThePassCount() {
        for (double p : new double[] {50, 95, 99}) {
            long needed = Confidence.samplesNeeded(p, 0);
            assertEquals(needed, PercentileInterval.ranks(needed, p / 100, 0.95)[1], "p" + p + " from " + needed);
            assertEquals(needed, PercentileInterval.ranks(needed - 1, p / 100, 0.95)[1], "p" + p + " from " + (needed - 1)
                    + " has no upper bound (rank n + 1)");
        }
        // p99 from 1,000 samples: the 983rd..997th order statistics are a two-sided 95 % interval (prior art); one-sided
        // 95 % bounds sit just inside them
        long[] r = PercentileInterval.ranks(1000, 0.99, 0.95);
        assertTrue(r[0] >= 983 && r[0] <= 986 && r[1] >= 994 && r[1] <= 997, Arrays.toString(r));
    }

    @Test
    void noSamplesNoBounds() {
        PercentileInterval ci = PercentileInterval.of(histogram(new long[0]), 95);
        assertNull(ci.lower());
        assertNull(ci.upper());
        assertEquals(Status.INCONCLUSIVE, ci.judge(1000));
    }

    /** Each bound must hold in about 95 % of samples from a known distribution: not much less, not far more. */
    @Test
    void eachBoundCoversTheTrueQuantileAboutNinetyFivePercentOfTheTime() {
        Random random = new Random(7);
        double mean = 20_000; // µs, exponential: the p-quantile is −mean·ln(1 − p)
        for (double p : new double[] {50, 95, 99}) {
            double truth = -mean * Math.log(1 - p / 100);
            int n = p == 99 ? 600 : 200;
            int trials = 1500;
            int upperHolds = 0;
            int lowerHolds = 0;
            for (int t = 0; t < trials; t++) {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = 1 + (long) (-mean * Math.log(1 - random.nextDouble()));
                }
                PercentileInterval ci = PercentileInterval.of(histogram(v), p);
                upperHolds += ci.upper() != null && ci.upper() >= truth ? 1 : 0;
                lowerHolds += ci.lower() != null && ci.lower() <= truth ? 1 : 0;
            }
            double upper = upperHolds / (double) trials;
            double lower = lowerHolds / (double) trials;
            assertTrue(upper >= 0.93 && upper <= 0.99, "p" + p + " upper bound held in " + upper);
            assertTrue(lower >= 0.93 && lower <= 0.99, "p" + p + " lower bound held in " + lower);
        }
    }

    /** The claim "p95 < T" is wrong at most ~5 % of the time when the gate says PASS, whatever the distribution. */
    @Test
    void aPassIsRarelyWrongAtTheBorderline() {
        Random random = new Random(11);
        // uniform 0..100 ms: the true p95 is 95 ms; a threshold of 95 ms makes every PASS a wrong one
        int wrongPasses = 0;
        int trials = 2000;
        for (int t = 0; t < trials; t++) {
            long[] v = new long[300];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1 + random.nextInt(100_000);
            }
            wrongPasses += PercentileInterval.of(histogram(v), 95).judge(95_000) == Status.PASS ? 1 : 0;
        }
        assertTrue(wrongPasses <= trials * 0.06, wrongPasses + " wrong passes in " + trials);
        assertTrue(wrongPasses >= trials * 0.01, "the bound is not absurdly conservative: " + wrongPasses);
    }

    @Test
    void samplesToSettleFollowsTheShareSeen() {
        PercentileInterval none = new PercentileInterval(99, 50, 1L, null, 0.95);
        assertEquals(299, none.samplesToSettle(0));
        PercentileInterval some = new PercentileInterval(99, 500, 1L, null, 0.95);
        long needed = some.samplesToSettle(2); // 0.4 % over a 1 % limit
        assertTrue(needed > 500 && needed < 2000, "needed " + needed);
        long over = new PercentileInterval(99, 200, 1L, null, 0.95).samplesToSettle(4); // 2 % over: towards FAIL
        assertTrue(over > 200 && over < 5000, "needed " + over);
        assertEquals(Long.MAX_VALUE, new PercentileInterval(99, 300, 1L, null, 0.95).samplesToSettle(3));
    }

    @Test
    void judgesAgainstTheThreshold() {
        long[] v = new long[1000];
        Arrays.fill(v, 10_000);
        PercentileInterval ci = PercentileInterval.of(histogram(v), 99);
        assertEquals(Status.PASS, ci.judge(20_000));
        assertEquals(Status.FAIL, ci.judge(5_000));
        assertTrue(ci.explain(20_000, 0, 1000, "ms").startsWith("one-sided 95 % bounds 10.0 to 10.0 ms (a 90 % interval)"),
                ci.explain(20_000, 0, 1000, "ms"));
    }

    /** Whole-millisecond timings (Gatling), 1,000 of them at {@code ms}. */
    private static Histogram timed(long ms) {
        Histogram h = histogram(new long[0]);
        h.recordValueWithCount(ms * 1000, 1000);
        return h;
    }

    /**
     * On the timing grid every whole-millisecond limit under 131 ms (where a bucket of 2 significant digits holds at
     * most one whole millisecond) is decided both ways: answers exactly at the limit FAIL "p95 &lt; limit", answers one
     * millisecond under it PASS. Read as bucket edges, most such limits could never FAIL.
     */
    @Test
    void everyWholeMillisecondLimitUnder131MsIsDecidedAtAndJustUnderIt() {
        for (long limit = 1; limit <= 130; limit++) {
            long micros = limit * 1000;
            assertEquals(Status.FAIL, PercentileInterval.of(timed(limit), 95, 1000).judge(micros), limit + " ms at " + limit);
            assertEquals(Status.PASS, PercentileInterval.of(timed(limit - 1), 95, 1000).judge(micros),
                    (limit - 1) + " ms under " + limit);
        }
    }

    /**
     * Where the resolution, not the sample count, leaves a claim undecided (above 131 ms a bucket may hold the limit and
     * the millisecond under it: 1,999 and 2,000 ms share one), the advice must not name a sample count the run already
     * has ("needs 1000" of a run of 1,000).
     */
    @Test
    void theAdviceNeverNamesASampleCountTheRunAlreadyHas() {
        Histogram h = histogram(new long[0]);
        h.recordValueWithCount(10_000, 900);
        h.recordValueWithCount(1_999_000, 100);
        long limit = 2_000_000;
        PercentileInterval ci = PercentileInterval.of(h, 95, 1000);
        assertEquals(Status.INCONCLUSIVE, ci.judge(limit), ci.toString());
        long over = h.getCountBetweenValues(limit, 120_000_000L);
        String why = ci.explain(limit, over, 1000, "ms");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("needs (\\d+)").matcher(why);
        assertTrue(!m.find() || Long.parseLong(m.group(1)) > h.getTotalCount(), why);
        assertTrue(why.contains("resolution"), why);
        assertEquals("", ci.phaseNeeded(over, new dev.gauntlet.load.Timeline.Window("baseline", true, 0, 30_000, 10)));
    }

    /**
     * The bounds pass exactly what the earlier rule passed (measured under the limit and at least
     * {@link Confidence#samplesNeeded} samples for the exceedances seen): no result that passed becomes INCONCLUSIVE.
     */
    @Test
    void passesExactlyWhatTheSampleCountRulePassed() {
        Random random = new Random(3);
        int passes = 0;
        for (int t = 0; t < 3000; t++) {
            int n = 5 + random.nextInt(600);
            long[] v = new long[n];
            double scale = 1000 + random.nextInt(50_000);
            for (int i = 0; i < n; i++) {
                v[i] = 1 + (long) (scale * Math.exp(random.nextGaussian()));
            }
            Histogram h = histogram(v);
            double p = new double[] {50, 90, 95, 99}[random.nextInt(4)];
            long threshold = h.getValueAtPercentile(50 + random.nextDouble() * 49.9) + random.nextInt(3000);
            long over = h.getCountBetweenValues(threshold, 120_000_000L);
            boolean before = h.getValueAtPercentile(p) < threshold && n >= Confidence.samplesNeeded(p, over);
            boolean now = PercentileInterval.of(h, p).judge(threshold) == Status.PASS;
            assertEquals(before, now, "n " + n + " p" + p + " threshold " + threshold + " over " + over);
            passes += now ? 1 : 0;
        }
        assertTrue(passes > 300 && passes < 2700, "both outcomes were tried: " + passes + " passes");
    }
}
