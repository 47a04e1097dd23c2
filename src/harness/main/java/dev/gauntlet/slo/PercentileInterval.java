package dev.gauntlet.slo;

import dev.gauntlet.load.Timeline;
import dev.gauntlet.stats.SequentialLooks;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Where a percentile of the population lies, judged from samples without assuming any distribution: the bounds are
 * order statistics of the samples whose ranks come from the binomial distribution. With {@code n} samples, the
 * {@code r}-th smallest is an upper bound of the true p-quantile with confidence {@code P(Bin(n, p) ≤ r − 1)}, the
 * {@code l}-th smallest a lower bound with confidence {@code P(Bin(n, p) ≥ l)}; each bound here holds with
 * {@link #confidence} on its own: they are one-sided 95 % bounds, together a two-sided interval of only
 * 1 − 2 × (1 − confidence) = 90 %, and every text and figure that shows them says so ({@link #words}). A PASS and a FAIL
 * are each claimed at 95 %, as each needs only one of the bounds.
 *
 * <p>The bounds are read on the timing grid: the load times answers in whole milliseconds
 * ({@link dev.gauntlet.load.LoadRecorder#TIMING_GRID_MICROS}), so an order statistic lying in the histogram bucket
 * [99.84, 100.35] ms is exactly 100 ms, not "somewhere in the bucket". Without that, a limit inside a bucket could never
 * be reached by the lower bound: {@code p95 < 100ms} with 100 of 1,000 answers at exactly 100 ms stayed INCONCLUSIVE
 * for ever. At 2 significant digits every bucket under 131 ms holds at most one whole millisecond, so there the bounds
 * are exact; above it a bucket may hold two or three, and a bound is then the bucket's lowest (lower bound) or highest
 * (upper bound) whole millisecond: still a valid bound, and {@link #explain} says when that resolution, not the
 * sample count, is what leaves a claim undecided.
 *
 * <p>A claim "pNN &lt; T" then PASSES when the upper bound is under T, FAILS when the lower bound is at or over T, and is
 * INCONCLUSIVE otherwise. With no sample over T, p99 needs 299 samples before its upper bound exists (p95 59, p50 5),
 * the same counts as {@link Confidence#samplesNeeded}.
 *
 * @param percentile the percentile (0–100 exclusive)
 * @param samples    how many samples the bounds come from
 * @param lower      the lower bound in the histogram's unit, or null when too few samples give one
 * @param upper      the upper bound in the histogram's unit, or null when too few samples give one
 * @param confidence the confidence of each bound on its own (0.95)
 */
public record PercentileInterval(double percentile, long samples, Long lower, Long upper, double confidence) {

    /** The confidence of each bound: a PASS or a FAIL is claimed at 95 %. */
    public static final double CONFIDENCE = Confidence.LEVEL;
    /**
     * The confidence of each bound in a ranged phase ({@code duration: 10s..60s}): the level of the sequential rule's
     * last look ({@link SequentialLooks}: half of the 5 % error budget is spent on the earlier looks that could have
     * ended the phase), so that looking early does not raise the chance of a false PASS or FAIL above 5 %.
     */
    public static final double LAST_LOOK = 1 - SequentialLooks.ALPHA / 2;

    /** The confidence a percentile claim on {@code phase} is judged at. */
    public static double confidenceOf(Timeline.Window phase) {
        return phase != null && phase.ranged() ? LAST_LOOK : CONFIDENCE;
    }

    /** The one-sided bounds of {@code percentile} from values recorded in {@code h} at any resolution (bucket edges). */
    public static PercentileInterval of(Histogram h, double percentile) {
        return of(h, percentile, 1);
    }

    /**
     * The one-sided bounds of {@code percentile} from values recorded in {@code h}, every one of which is a multiple of
     * {@code grid} (the load's {@link dev.gauntlet.load.LoadRecorder#TIMING_GRID_MICROS}): a bound is the grid value its
     * histogram bucket holds, not the bucket's edge.
     */
    public static PercentileInterval of(Histogram h, double percentile, long grid) {
        return of(h, percentile, grid, CONFIDENCE);
    }

    /**
     * The one-sided bounds at {@code confidence} each: {@link #CONFIDENCE}, or {@link #LAST_LOOK} for a phase that
     * ended when decided ({@link #confidenceOf}).
     */
    public static PercentileInterval of(Histogram h, double percentile, long grid, double confidence) {
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, got " + percentile);
        }
        long n = h.getTotalCount();
        long[] ranks = ranks(n, percentile / 100.0, confidence);
        Long lower = ranks[0] < 1 ? null : onGrid(h, valueAtRank(h, ranks[0]), grid)[0];
        Long upper = ranks[1] > n ? null : onGrid(h, valueAtRank(h, ranks[1]), grid)[1];
        return new PercentileInterval(percentile, n, lower, upper, confidence);
    }

    /**
     * The lowest and highest multiple of {@code grid} in the histogram bucket of {@code value}: the values a sample
     * recorded there can have; the bucket's edges when it holds no multiple (values not on that grid).
     */
    public static long[] onGrid(Histogram h, long value, long grid) {
        long lo = h.lowestEquivalentValue(value);
        long hi = h.highestEquivalentValue(value);
        long first = Math.floorDiv(lo + grid - 1, grid) * grid;
        long last = Math.floorDiv(hi, grid) * grid;
        return first <= last ? new long[] {first, last} : new long[] {lo, hi};
    }

    /**
     * The ranks (1-based) of the order statistics that bound the p-quantile of {@code n} samples, each with
     * {@code level} confidence: {@code [l, r]}, where {@code l = 0} means no lower bound and {@code r = n + 1} no
     * upper bound.
     */
    static long[] ranks(long n, double p, double level) {
        long lower = 0;
        long upper = n + 1;
        if (n == 0) {
            return new long[] {lower, upper};
        }
        // walk the binomial CDF once: CDF(j) = P(Bin(n, p) ≤ j), pmf by recurrence in log space
        double logP = Math.log(p);
        double log1P = Math.log1p(-p);
        double term = n * log1P;
        double cdf = 0;
        for (long j = 0; j < n; j++) {
            if (j > 0) {
                term += Math.log((double) (n - j + 1) / j) + logP - log1P;
            }
            cdf += Math.exp(term);
            if (cdf <= 1 - level) {
                lower = j + 1; // P(Bin ≥ j + 1) = 1 − CDF(j) ≥ level
            }
            if (cdf >= level) {
                upper = j + 1; // P(X_(j+1) ≥ ξ_p) = CDF(j) ≥ level
                break;
            }
        }
        return new long[] {lower, upper};
    }

    /** The value of the {@code rank}-th smallest sample (1-based). */
    static long valueAtRank(Histogram h, long rank) {
        long seen = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            seen += v.getCountAddedInThisIterationStep();
            if (seen >= rank) {
                return v.getValueIteratedTo();
            }
        }
        return h.getMaxValue();
    }

    /** Whether the upper bound exists and is under {@code threshold}: the claim "percentile &lt; threshold" holds. */
    public boolean below(long threshold) {
        return upper != null && upper < threshold;
    }

    /** Whether the lower bound exists and is at or over {@code threshold}: the claim is broken. */
    public boolean atOrAbove(long threshold) {
        return lower != null && lower >= threshold;
    }

    /**
     * How many samples would settle the claim "percentile &lt; threshold" if the share of samples at or over the
     * threshold stayed what it is ({@code over} of {@link #samples}); {@link Long#MAX_VALUE} when that share is the
     * percentile's own (no number of samples would settle it).
     */
    public long samplesToSettle(long over) {
        double q = 1 - percentile / 100.0;
        double share = samples == 0 ? 0 : over / (double) samples;
        if (Math.abs(share - q) < 1e-12) {
            return Long.MAX_VALUE;
        }
        boolean toPass = share < q;
        long lo = Math.max(1, samples);
        long hi = lo;
        while (!settles(hi, share, q, toPass)) {
            lo = hi;
            hi *= 2;
            if (hi > LIMIT) {
                return Long.MAX_VALUE;
            }
        }
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (settles(mid, share, q, toPass)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return hi;
    }

    private static final long LIMIT = 100_000_000L;

    private boolean settles(long n, double share, double q, boolean toPass) {
        if (toPass) {
            return Confidence.atMost((long) Math.floor(share * n), n, q) <= 1 - confidence;
        }
        long over = (long) Math.ceil(share * n);
        return over > 0 && 1 - Confidence.atMost(over - 1, n, q) <= 1 - confidence;
    }

    /** PASS when the upper bound is under {@code threshold}, FAIL when the lower bound is at or over it, else INCONCLUSIVE. */
    public Status judge(long threshold) {
        return below(threshold) ? Status.PASS : atOrAbove(threshold) ? Status.FAIL : Status.INCONCLUSIVE;
    }

    /**
     * The bounds, and for an INCONCLUSIVE claim why and how many samples would settle it, in a clause such as
     * {@code "one-sided 95 % bounds 2.0 to none ms (a 90 % interval): too few samples to judge (44, 0 at or over the
     * limit); p95 needs 59 at that share"}; {@code over} is how many samples are at or over {@code threshold}. When
     * the samples' count would settle the claim but the bounds do not, the histogram's resolution is why, and it says
     * so instead of advising a sample count the run already has.
     */
    public String explain(long threshold, long over, double scale, String unit) {
        String bounds = describe(scale, unit);
        if (judge(threshold) != Status.INCONCLUSIVE) {
            return bounds;
        }
        long needed = samplesToSettle(over);
        String p = "p" + fmt(percentile);
        if (needed <= samples) {
            // the counts settle it, the bounds cannot: the limit shares a histogram bucket with values just under it
            return bounds + ": undecided at the histogram's resolution, not for want of samples (" + samples + ", "
                    + over + " at or over the limit): the limit shares a histogram bucket with values just under it, "
                    + "so more samples would not settle it";
        }
        return bounds + ": too few samples to judge (" + samples + ", " + over + " at or over the limit); "
                + (needed == Long.MAX_VALUE ? "no number of samples settles it while the share over the limit stays "
                + String.format(Locale.ROOT, "%.2f %%", 100.0 * over / Math.max(1, samples))
                : "at that share " + p + " needs " + needed + " for " + fmt(confidence * 100) + " % confidence");
    }

    /**
     * For an INCONCLUSIVE claim over one phase: how long that phase would have to run, at the rate these samples came
     * in, to collect the samples that would settle it ({@code "; at 4.1 answered requests/s that is a baseline of
     * about 15 s"}), or "" when no number of samples would.
     */
    String phaseNeeded(long over, Timeline.Window phase) {
        long needed = samplesToSettle(over);
        double seconds = (phase.end() - phase.start()) / 1000.0;
        if (needed == Long.MAX_VALUE || needed <= samples || samples == 0 || seconds <= 0) {
            return "";
        }
        double rate = samples / seconds;
        return String.format(Locale.ROOT, "; at %.1f answered requests/s that is a %s phase of about %.0f s", rate,
                phase.name(), Math.ceil(needed / rate));
    }

    /** The bounds and their confidence as report figures (values divided by {@code scale}; a missing bound left out). */
    public Map<String, Double> figures(double scale) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (lower != null) {
            out.put("lowerBound", Math.round(lower / scale * 100) / 100.0);
        }
        if (upper != null) {
            out.put("upperBound", Math.round(upper / scale * 100) / 100.0);
        }
        out.put("boundConfidencePercent", confidence * 100);
        out.put("intervalConfidencePercent", intervalPercent(confidence * 100));
        return out;
    }

    /** The two-sided confidence of two bounds that each hold with {@code boundPercent} on their own (95 → 90). */
    public static double intervalPercent(double boundPercent) {
        return Math.round((100 - 2 * (100 - boundPercent)) * 100) / 100.0;
    }

    /**
     * The bounds in words, the one wording of every view: {@code "one-sided 95 % bounds 8.0 to 12.0 ms (a 90 %
     * interval)"}; with one bound missing {@code "at least 8.0 ms (one-sided 95 % bound; too few samples for an upper
     * one)"}.
     */
    public static String words(Double lower, Double upper, double boundPercent, String unit) {
        String each = fmt(boundPercent);
        if (lower != null && upper != null) {
            return String.format(Locale.ROOT, "one-sided %s %% bounds %.1f to %.1f %s (a %s %% interval)", each, lower,
                    upper, unit, fmt(intervalPercent(boundPercent)));
        }
        if (lower != null) {
            return String.format(Locale.ROOT, "at least %.1f %s (one-sided %s %% bound; too few samples for an upper "
                    + "one)", lower, unit, each);
        }
        if (upper != null) {
            return String.format(Locale.ROOT, "at most %.1f %s (one-sided %s %% bound; too few samples for a lower "
                    + "one)", upper, unit, each);
        }
        return "too few samples for a one-sided " + each + " % bound either way";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The bounds in words, e.g. {@code "one-sided 95 % bounds 12.0 to 19.0 ms (a 90 % interval)"}, {@code "none"} for
     * a bound too few samples give; values divided by {@code scale} and given in {@code unit}.
     */
    public String describe(double scale, String unit) {
        return words(lower == null ? null : lower / scale, upper == null ? null : upper / scale, confidence * 100, unit);
    }
}
