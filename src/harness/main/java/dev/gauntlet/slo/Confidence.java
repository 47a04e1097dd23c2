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

    /** P(X ≤ k) for X ~ Binomial(n, q), summed in log space. */
    static double atMost(long k, long n, double q) {
        if (k >= n) {
            return 1;
        }
        double logQ = Math.log(q);
        double log1Q = Math.log1p(-q);
        double term = n * log1Q; // log P(X = 0)
        double sum = Math.exp(term);
        for (long i = 1; i <= k; i++) {
            term += Math.log((double) (n - i + 1) / i) + logQ - log1Q;
            sum += Math.exp(term);
        }
        return Math.min(1, sum);
    }
}
