package dev.gauntlet.load;

/**
 * When a warm-up may end: MSER-5, the Marginal Standard Error Rule on batch means of 5 (White 1997; White, Cobb &amp;
 * Spratt 2000), over the warm-up's latency means, checked once a second.
 *
 * <p>The observations are the mean latencies of successive fifths of a second ({@link #OBSERVATION_MILLIS}), so MSER-5's
 * batch means are per-second means. The {@code m} observations so far are grouped into {@code k = m / 5} batch means
 * {@code b_1 … b_k}. For every truncation {@code d} (batches dropped from the front, keeping at least two) MSER is
 * {@code Σ_{j>d} (b_j − mean_d)² / (k − d)²}: the squared standard error of the mean of what is kept. A cold start
 * (interpreted code, empty caches and pools) lifts the early batches, so dropping them lowers MSER until the transient
 * is gone; after that dropping more only shrinks {@code k − d} and MSER rises. The minimising {@code d*} (the earliest
 * on a tie) is the truncation point. It is trusted only when it lies in the first half of the batches, the standard
 * MSER condition (otherwise too little data follows the transient to call it over), so a warm-up whose transient lasts
 * {@code s} seconds ends no earlier than about {@code 2 s} in: latency has by then been steady for at least as long as
 * the transient lasted. The condition needs {@link #MIN_BATCHES} batches before it can reject anything (4 s), the
 * warm-up never ends before its minimum, and it always ends at its maximum, settled or not.
 *
 * <p>Why fifths of a second and not per-second means as observations: MSER-5 on per-second means would batch 5 s at a
 * time, and its first-half condition would mean something only after 20 s, as long as the fixed warm-up it replaces.
 *
 * <p>Why MSER-5: among truncation rules for output with an initial transient it is the one the simulation literature
 * found most reliable (Hoad, Robinson &amp; Davies 2010), it has no tuning parameter, and batching by 5 smooths the
 * noise that would otherwise have it truncate at a random spike. A transient longer than half of what has been seen
 * cannot be told from a lasting level shift: that is what the minimum is for.
 */
public final class SteadyState {
    /** Batch size of MSER-5. */
    static final int BATCH = 5;
    /** Each observation is the mean latency of this long a slice of the warm-up (5 make a batch of one second). */
    public static final long OBSERVATION_MILLIS = 200;
    /**
     * Batches needed before the first-half condition can reject anything: with fewer, every truncation that keeps two
     * batches lies in the first half.
     */
    static final int MIN_BATCHES = 4;

    private SteadyState() {
    }

    /**
     * The truncation point of {@code means} as an observation index ({@code 5 d*}), or -1 when the series is not yet
     * steady (fewer than {@link #MIN_BATCHES} batches, or {@code d*} in the second half of the batches).
     */
    public static int truncation(double[] means) {
        int k = means.length / BATCH;
        if (k < MIN_BATCHES) {
            return -1;
        }
        double[] batches = new double[k];
        for (int j = 0; j < k; j++) {
            double sum = 0;
            for (int i = 0; i < BATCH; i++) {
                sum += means[j * BATCH + i];
            }
            batches[j] = sum / BATCH;
        }
        // suffix sums: MSER(d) for every d in one pass from the back
        double sum = 0;
        double squares = 0;
        double best = Double.POSITIVE_INFINITY;
        int bestD = -1;
        for (int d = k - 1; d >= 0; d--) {
            sum += batches[d];
            squares += batches[d] * batches[d];
            int kept = k - d;
            if (kept < 2) {
                continue;
            }
            double mean = sum / kept;
            double sse = Math.max(0, squares - kept * mean * mean);
            double mser = sse / ((double) kept * kept);
            if (mser <= best) { // ties to the earliest truncation: drop no more than needed
                best = mser;
                bestD = d;
            }
        }
        return 2 * bestD < k ? bestD * BATCH : -1;
    }

    /**
     * Whether a warm-up with {@code means.length} observations so far may end now: at its maximum always, before its
     * minimum never (both in observations), in between when {@link #truncation} finds the latency steady.
     */
    public static boolean settled(double[] means, int minimum, int maximum) {
        if (means.length >= maximum) {
            return true;
        }
        if (means.length < minimum) {
            return false;
        }
        return truncation(means) >= 0;
    }
}
