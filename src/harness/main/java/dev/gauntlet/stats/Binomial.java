package dev.gauntlet.stats;

/** Exact binomial tails, the one distribution the gate's distribution-free percentile claims rest on. */
public final class Binomial {
    private Binomial() {
    }

    /** P(X ≤ k) for X ~ Binomial(n, q), summed in log space. */
    public static double atMost(long k, long n, double q) {
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
