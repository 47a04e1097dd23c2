package dev.gauntlet.slo;

/**
 * How many samples a percentile claim needs, distribution-free: to claim "p99 is below T" with 95 % confidence when
 * {@code k} of {@code n} samples exceed T, the chance of seeing at most {@code k} exceedances if the true share above
 * T were 1 % must be at most 5 % (binomial). With no exceedance p99 needs 299 samples, p95 59, p50 5; each
 * exceedance raises the count (p99: 473 with one, 628 with two).
 */
final class Confidence {
    /** The confidence of a PASS. */
    static final double LEVEL = 0.95;
    private static final long LIMIT = 10_000_000L;

    private Confidence() {
    }

    /**
     * The fewest samples with which {@code exceedances} over the threshold still show, with {@link #LEVEL}
     * confidence, that the {@code percentile} is below it.
     */
    static long samplesNeeded(double percentile, long exceedances) {
        double q = 1 - percentile / 100.0;
        long lo = exceedances + 1;
        long hi = lo;
        while (atMost(exceedances, hi, q) > 1 - LEVEL) {
            lo = hi;
            hi *= 2;
            if (hi > LIMIT) {
                return LIMIT;
            }
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (atMost(exceedances, mid, q) > 1 - LEVEL) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** P(X ≤ k) for X ~ Binomial(n, q) ({@link dev.gauntlet.stats.Binomial#atMost}). */
    static double atMost(long k, long n, double q) {
        return dev.gauntlet.stats.Binomial.atMost(k, n, q);
    }
}
