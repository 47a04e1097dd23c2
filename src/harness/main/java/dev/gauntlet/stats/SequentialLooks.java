package dev.gauntlet.stats;

import java.time.Duration;

/**
 * A claim about a share, judged at planned looks while the data comes in, so that a phase can stop as soon as the
 * claim is decided without the repeated looks inflating its error rates: <b>alpha spending over planned looks with a
 * weighted Bonferroni split</b>.
 *
 * <p>The claims are the gate's distribution-free ones: "pNN &lt; T" holds exactly when the share θ of answers at or
 * over T is under {@code q = 1 − NN/100}; an error ratio objective is the same claim with q its budget. Each look sees
 * {@code n} answers of which {@code x} are at or over the limit. A look claims
 * <ul>
 * <li>PASS when {@code P(Bin(n, q) ≤ x) ≤ a} (so few over the limit that a share of q would rarely show so few),</li>
 * <li>FAIL when {@code P(Bin(n, q) ≥ x) ≤ a} (so many that a share under q would rarely show so many),</li>
 * </ul>
 * with {@code a} the level of that look. With {@code K} looks planned (one every {@code interval} up to the phase's
 * maximum), the last look gets {@code alpha / 2} and each of the {@code K − 1} earlier ones {@code alpha / 2 / (K − 1)}.
 * By the union bound the chance that ANY look makes a false claim is at most the sum of the levels, {@code alpha}:
 * whatever the looks' dependence, however the phase's rate varies, and whichever look the phase stops at. The rule
 * is the fixed-sample binomial test of {@code dev.gauntlet.slo.Confidence} (the one the order-statistic bounds of
 * {@code dev.gauntlet.slo.PercentileInterval} are equivalent to), only at a smaller level. The load worker looks with it
 * ({@code dev.gauntlet.load.PhaseDecider}), and the final score of a ranged phase is the last look's: one-sided
 * bounds at {@code 1 − alpha / 2}.
 *
 * <p>Why this and not a confidence sequence: the gate already judges at 95 % with exact binomial tails, and the looks
 * are planned (a phase is checked every couple of seconds, up to its written maximum), so their number is known in
 * advance. Bonferroni over a known, small number of looks is exact-tailed, needs no tuning constant or mixture prior,
 * and is conservative in a way that is easy to state; its price is a little power at the last look (half the error
 * budget there instead of all of it), which {@code SequentialLooksTest} measures. A Pocock boundary would be sharper
 * but needs its constant computed for correlated looks; a confidence sequence gives up more power at these sample
 * sizes (hundreds to a few thousand answers).
 *
 * @param looks how many looks are planned, the last at the phase's maximum (at least 1)
 * @param alpha the chance of any false claim over all looks ({@link #ALPHA} at the gate's 95 % confidence)
 */
public record SequentialLooks(int looks, double alpha) {
    /** The gate's error budget for a claim: 1 − its 95 % confidence. */
    public static final double ALPHA = 0.05;

    /** What a look claims. */
    public enum Claim {
        /** The share at or over the limit is under it. */
        PASS,
        /** It is not. */
        FAIL,
        /** Too few answers yet: look again later. */
        UNDECIDED
    }

    public SequentialLooks {
        if (looks < 1) {
            throw new IllegalArgumentException("at least one look, got " + looks);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be between 0 and 1, got " + alpha);
        }
    }

    /** The planned looks of a phase of at most {@code max}, one every {@code interval}, at the gate's confidence. */
    public static SequentialLooks every(Duration interval, Duration max) {
        long k = Math.max(1, (max.toMillis() + interval.toMillis() - 1) / interval.toMillis());
        return new SequentialLooks((int) Math.min(Integer.MAX_VALUE, k), ALPHA);
    }

    /** The level of the {@code look}-th look (1-based); the last planned one and any later get the final share. */
    public double level(int look) {
        if (looks == 1) {
            return alpha;
        }
        return look >= looks ? alpha / 2 : alpha / 2 / (looks - 1);
    }

    /**
     * The claim "the share at or over the limit is under {@code q}" at the {@code look}-th look, with {@code over} of
     * {@code n} answers at or over the limit: PASS, FAIL, or UNDECIDED (look again later).
     */
    public Claim judge(double q, long n, long over, int look) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("the share must be between 0 and 1, got " + q);
        }
        if (over < 0 || over > n) {
            throw new IllegalArgumentException(over + " of " + n + " answers over the limit");
        }
        if (n == 0) {
            return Claim.UNDECIDED;
        }
        double a = level(look);
        if (Binomial.atMost(over, n, q) <= a) {
            return Claim.PASS;
        }
        if (over > 0 && 1 - Binomial.atMost(over - 1, n, q) <= a) {
            return Claim.FAIL;
        }
        return Claim.UNDECIDED;
    }

    /** {@link #judge(double, long, long, int)} for the claim "pNN &lt; limit" ({@code percentile} NN, 0–100). */
    public Claim judgePercentile(double percentile, long n, long over, int look) {
        return judge(1 - percentile / 100.0, n, over, look);
    }
}
