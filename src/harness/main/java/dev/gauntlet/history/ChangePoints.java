package dev.gauntlet.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Finds level shifts that stay in a series of runs (nightly p95 of an operation, an objective's measured value), in
 * the manner of E-divisive as Apache Otava and MongoDB use it, made distribution-free: binary segmentation where each
 * segment's best split is the one whose two sides differ most in rank (standardised Mann-Whitney statistic), tested
 * by permuting the segment (the p-value of that maximum), and kept only when each side holds at least
 * {@link #MIN_SEGMENT} runs, so a single slow night is not a change point. A slow drift over weeks shows as one or
 * more shifts. Pure and deterministic (the permutations use a fixed seed).
 *
 * <p><b>Many series, one run.</b> A run has many series (each objective, and p95 and p99 of every operation in every
 * scored phase: about 50 in the reference system), all tested at once, and each segment split opens two more tests.
 * Testing each at a fixed level would make some change point likely in every run of pure noise (50 series at 0.001
 * each: 5 %; 200: 18 %). So the tests of one run are corrected together with <b>Benjamini–Hochberg</b>, controlling
 * the <b>false-discovery rate at {@link #FALSE_DISCOVERY_RATE} (5 %)</b>, one family per round of the segmentation:
 * round one tests every series as a whole, each later round the two sides of every split the round before kept. The
 * false-discovery rate rather than the family-wise error (Holm), because change points are findings to look at, not
 * a verdict, and their typical cause (a new machine, a dependency, a library) moves many series at once: BH keeps
 * the power to show all of them (its threshold grows with every discovery, from 5 % / m to 5 %), where Holm would hold
 * each to nearly 5 % / m. Where nothing changed, only round one runs and a false discovery rate is a family-wise
 * error: at most 5 % of runs of pure noise show any change point, however many series they have. BH holds under
 * independence and under the positive dependence of series measured on one machine (Benjamini–Yekutieli 2001).
 *
 * <p>Each p-value is a permutation test's: at least {@link #MIN_PERMUTATIONS} permutations, and more for many
 * series, enough that the smallest p one can give is a tenth of BH's smallest threshold (5 % / m); a segment whose
 * split is plainly noise stops early, after {@link #EXCEEDANCES} permutations reached its statistic (the sequential
 * p-value of Besag and Clifford 1991, valid as it stands). With 50 series a perfect step needs about seven runs on
 * each side before it can be seen at all (2 / C(14, 7) ≈ 0.0006 under 0.05 / 50): change points are for the long
 * series of a nightly history, not for the last few runs.
 */
public final class ChangePoints {
    /** The false-discovery rate over the series of one run (Benjamini–Hochberg): under pure noise, of runs with any. */
    public static final double FALSE_DISCOVERY_RATE = 0.05;
    /** The fewest runs on each side of a change point. */
    public static final int MIN_SEGMENT = 3;
    /** The fewest permutations of a test that is not stopped early. */
    static final int MIN_PERMUTATIONS = 4999;
    /** A permutation test stops once this many permutations reached the observed statistic (Besag–Clifford). */
    static final int EXCEEDANCES = 10;
    private static final long SEED = 20_011L;

    private ChangePoints() {
    }

    /**
     * The change points of every series of one run, series by series, each series' points oldest first; the tests
     * of all series corrected together (Benjamini–Hochberg).
     */
    public static List<ChangePoint> find(List<HistorySeries> series) {
        List<double[]> values = series.stream().map(HistorySeries::values).toList();
        List<List<Split>> splits = splits(values, FALSE_DISCOVERY_RATE, MIN_SEGMENT);
        List<ChangePoint> out = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            out.addAll(points(series.get(i), splits.get(i)));
        }
        return out;
    }

    /** The change points of one series on its own (a family of one), oldest first. */
    public static List<ChangePoint> find(HistorySeries s) {
        return find(List.of(s));
    }

    private static List<ChangePoint> points(HistorySeries s, List<Split> splits) {
        double[] values = s.values();
        List<ChangePoint> out = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            int at = splits.get(i).index;
            int from = i == 0 ? 0 : splits.get(i - 1).index;
            int to = i == splits.size() - 1 ? values.length : splits.get(i + 1).index;
            out.add(new ChangePoint(s.name(), s.unit(), at, s.points().get(at).runId(), median(values, from, at),
                    median(values, at, to), splits.get(i).pValue));
        }
        return out;
    }

    /** Where a new level starts, and how sure the split is. */
    record Split(int index, double pValue) {
    }

    /** A segment {@code [from, to)} of series {@code series} to test, its best split and that split's p-value. */
    private record Test(int series, int from, int to, int at, double pValue) {
    }

    /**
     * The kept splits of each series, by position: binary segmentation, every round's tests across all series one
     * Benjamini–Hochberg family at {@code rate}.
     */
    static List<List<Split>> splits(List<double[]> series, double rate, int minSegment) {
        List<List<Split>> found = new ArrayList<>();
        List<int[]> round = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            found.add(new ArrayList<>());
            round.add(new int[] {i, 0, series.get(i).length});
        }
        Random random = new Random(SEED);
        while (!round.isEmpty()) {
            List<int[]> testable = round.stream().filter(seg -> seg[2] - seg[1] >= 2 * minSegment).toList();
            int permutations = Math.max(MIN_PERMUTATIONS, (int) Math.min(Integer.MAX_VALUE - 1,
                    Math.ceil(10.0 * testable.size() / rate)) - 1);
            List<Test> tests = new ArrayList<>();
            for (int[] seg : testable) {
                double[] ranks = ranks(Arrays.copyOfRange(series.get(seg[0]), seg[1], seg[2]));
                int[] best = new int[1];
                double observed = maxStatistic(ranks, minSegment, best);
                if (observed > 0) {
                    tests.add(new Test(seg[0], seg[1], seg[2], seg[1] + best[0],
                            permutationP(ranks, minSegment, observed, permutations, random)));
                }
            }
            List<int[]> next = new ArrayList<>();
            for (Test t : benjaminiHochberg(tests, rate)) {
                found.get(t.series).add(new Split(t.at, t.pValue));
                next.add(new int[] {t.series, t.from, t.at});
                next.add(new int[] {t.series, t.at, t.to});
            }
            round = next;
        }
        found.forEach(f -> f.sort((a, b) -> Integer.compare(a.index, b.index)));
        return found;
    }

    /** The tests Benjamini–Hochberg keeps at {@code rate}: the k smallest p-values, k the largest with p_(k) ≤ k·rate/m. */
    private static List<Test> benjaminiHochberg(List<Test> tests, double rate) {
        List<Test> sorted = new ArrayList<>(tests);
        sorted.sort((a, b) -> Double.compare(a.pValue, b.pValue));
        int m = sorted.size();
        int keep = 0;
        for (int k = 1; k <= m; k++) {
            if (sorted.get(k - 1).pValue <= k * rate / m) {
                keep = k;
            }
        }
        return sorted.subList(0, keep);
    }

    /**
     * The largest |z| over splits with at least {@code minSegment} on each side, z being the rank sum of the left
     * side standardised as in the Mann-Whitney test; {@code best[0]} receives the split (first index of the right).
     */
    static double maxStatistic(double[] ranks, int minSegment, int[] best) {
        int n = ranks.length;
        double sum = 0;
        for (int i = 0; i < minSegment - 1; i++) {
            sum += ranks[i];
        }
        double max = 0;
        for (int k = minSegment; k <= n - minSegment; k++) {
            sum += ranks[k - 1];
            double expected = k * (n + 1) / 2.0;
            double sd = Math.sqrt(k * (double) (n - k) * (n + 1) / 12.0);
            double z = Math.abs(sum - expected) / sd;
            if (z > max + 1e-12) {
                max = z;
                if (best != null) {
                    best[0] = k;
                }
            }
        }
        return max;
    }

    /**
     * P(max statistic ≥ observed) under exchangeability, from up to {@code permutations} permutations; stops after
     * {@link #EXCEEDANCES} of them reached the observed value, with p = exceedances / permutations done (Besag and
     * Clifford's sequential p-value: a split that is plainly noise costs a few dozen permutations, not thousands).
     */
    private static double permutationP(double[] ranks, int minSegment, double observed, int permutations,
                                       Random random) {
        int n = ranks.length;
        double[] expected = new double[n];
        double[] sd = new double[n];
        for (int k = minSegment; k <= n - minSegment; k++) {
            expected[k] = k * (n + 1) / 2.0;
            sd[k] = Math.sqrt(k * (double) (n - k) * (n + 1) / 12.0);
        }
        double[] shuffled = ranks.clone();
        int atLeast = 0;
        for (int i = 1; i <= permutations; i++) {
            for (int j = n - 1; j > 0; j--) {
                int k = random.nextInt(j + 1);
                double t = shuffled[j];
                shuffled[j] = shuffled[k];
                shuffled[k] = t;
            }
            if (reaches(shuffled, minSegment, observed - 1e-9, expected, sd) && ++atLeast >= EXCEEDANCES) {
                return atLeast / (double) i;
            }
        }
        return (1.0 + atLeast) / (permutations + 1.0);
    }

    /** Whether some split's |z| ({@link #maxStatistic}) reaches {@code level}: the permutation loop's inner test. */
    private static boolean reaches(double[] ranks, int minSegment, double level, double[] expected, double[] sd) {
        int n = ranks.length;
        double sum = 0;
        for (int i = 0; i < minSegment - 1; i++) {
            sum += ranks[i];
        }
        for (int k = minSegment; k <= n - minSegment; k++) {
            sum += ranks[k - 1];
            if (Math.abs(sum - expected[k]) >= level * sd[k]) {
                return true;
            }
        }
        return false;
    }

    /** Ranks 1..n, ties sharing their average rank. */
    static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double[] ranks = new double[values.length];
        for (int i = 0; i < order.length;) {
            int j = i;
            while (j + 1 < order.length && values[order[j + 1]] == values[order[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = rank;
            }
            i = j + 1;
        }
        return ranks;
    }

    private static double median(double[] values, int from, int to) {
        double[] part = Arrays.copyOfRange(values, from, to);
        Arrays.sort(part);
        int n = part.length;
        return n % 2 == 1 ? part[n / 2] : (part[n / 2 - 1] + part[n / 2]) / 2;
    }
}
