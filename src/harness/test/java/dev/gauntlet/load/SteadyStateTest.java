package dev.gauntlet.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MSER-5 on synthetic latency means, five a second (fifths of a second), checked once a second as a warm-up is: a cold
 * start that decays, a warm start, a climb that never settles.
 */
class SteadyStateTest {
    private static final int PER_SECOND = (int) (1000 / SteadyState.OBSERVATION_MILLIS);

    /**
     * {@code seconds} of 10 ms with noise (σ 1 ms), plus {@code transientMs} × e^(−t/τ): a cold JVM's decay towards its
     * steady latency.
     */
    static double[] series(int seconds, double transientMs, double tauSeconds, long seed) {
        Random r = new Random(seed);
        double[] y = new double[seconds * PER_SECOND];
        for (int i = 0; i < y.length; i++) {
            double t = i / (double) PER_SECOND;
            y[i] = 10 + transientMs * Math.exp(-t / tauSeconds) + r.nextGaussian();
        }
        return y;
    }

    /** The second at which a warm-up checked each second ends, -1 if never. */
    static int endSecond(double[] full, int minimumSeconds, int maximumSeconds) {
        for (int s = 1; s * PER_SECOND <= full.length; s++) {
            if (SteadyState.settled(Arrays.copyOf(full, s * PER_SECOND), minimumSeconds * PER_SECOND,
                    maximumSeconds * PER_SECOND)) {
                return s;
            }
        }
        return -1;
    }

    static double truncationSeconds(double[] full, int endSecond) {
        return SteadyState.truncation(Arrays.copyOf(full, endSecond * PER_SECOND)) / (double) PER_SECOND;
    }

    /** Over 200 seeds: the second each warm-up ended at and where it truncated, both sorted. */
    record Runs(double[] ends, double[] cuts) {
        double endQuantile(double q) {
            return ends[(int) Math.floor(q * (ends.length - 1))];
        }

        double cutQuantile(double q) {
            return cuts[(int) Math.floor(q * (cuts.length - 1))];
        }
    }

    static Runs runs(double transientMs, double tau, int minimumSeconds, int maximumSeconds) {
        double[] ends = new double[200];
        double[] cuts = new double[200];
        for (int seed = 0; seed < ends.length; seed++) {
            double[] y = series(maximumSeconds, transientMs, tau, seed + 1);
            int end = endSecond(y, minimumSeconds, maximumSeconds);
            ends[seed] = end;
            cuts[seed] = truncationSeconds(y, end);
        }
        Arrays.sort(ends);
        Arrays.sort(cuts);
        return new Runs(ends, cuts);
    }

    @Test
    void aDecayingTransientIsTruncatedNearItsKnee() {
        // 80 ms over steady at the start, τ 1 s: under the 1 ms noise after about 4.4 s (the knee)
        Runs r = runs(80, 1, 4, 60);
        assertTrue(r.cutQuantile(0.5) >= 3 && r.cutQuantile(0.5) <= 7, "median truncation " + r.cutQuantile(0.5));
        assertTrue(r.cutQuantile(0.05) >= 3, "5 % truncate at " + r.cutQuantile(0.05) + " s or earlier");
        assertTrue(r.cutQuantile(0.9) <= 10, "10 % truncate at " + r.cutQuantile(0.9) + " s or later");
        assertTrue(r.endQuantile(0.5) >= 6 && r.endQuantile(0.5) <= 15, "median end " + r.endQuantile(0.5));
    }

    @Test
    void aLongerTransientIsTruncatedLaterAndEndsLater() {
        // τ 3 s: under the noise after about 13 s
        Runs r = runs(80, 3, 4, 60);
        assertTrue(r.cutQuantile(0.5) >= 10 && r.cutQuantile(0.5) <= 18, "median truncation " + r.cutQuantile(0.5));
        assertTrue(r.endQuantile(0.05) >= 20, "5 % end at " + r.endQuantile(0.05) + " s or earlier");
    }

    @Test
    void aSeriesSteadyFromTheStartEndsAtTheMinimumOrJustAfter() {
        Runs r = runs(0, 1, 5, 30);
        assertEquals(5, r.endQuantile(0.5), "at least half end at the minimum");
        assertTrue(r.endQuantile(0.95) <= 8, "5 % end at " + r.endQuantile(0.95) + " s or later");
        assertEquals(5, r.endQuantile(0), "none before the minimum");
    }

    @Test
    void theMaximumEndsAWarmUpThatNeverSettles() {
        double[] rising = new double[20 * PER_SECOND];
        for (int i = 0; i < rising.length; i++) {
            rising[i] = 10 + i; // latency climbing all along: never steady
        }
        assertEquals(-1, SteadyState.truncation(rising));
        assertEquals(20, endSecond(rising, 4, 20));
    }

    @Test
    void tooFewBatchesAreNeverSteady() {
        assertEquals(-1, SteadyState.truncation(new double[SteadyState.BATCH * SteadyState.MIN_BATCHES - 1]));
        assertFalse(SteadyState.settled(new double[3], 0, 100));
        assertTrue(SteadyState.settled(new double[3], 0, 3));
    }
}
