package dev.gauntlet.history;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Finds level shifts that stay in a series of runs (nightly p95 of an operation, an objective's measured value), in
 * the manner of E-divisive as Apache Otava and MongoDB use it, made distribution-free: binary segmentation where each
 * segment's best split is the one whose two sides differ most in rank (standardised Mann-Whitney statistic), kept
 * only when a permutation test of that maximum gives {@code p ≤ 0.001}, and only when each side holds at least
 * {@link #MIN_SEGMENT} runs, so a single slow night is not a change point. A slow drift over weeks shows as one or
 * more shifts. Pure and deterministic (the permutations use a fixed seed).
 *
 * <p>With p ≤ 0.001 a perfect step needs about seven runs on each side before it can be seen at all
 * (2 / C(14, 7) ≈ 0.0006): change points are for the long series of a nightly history, not for the last few runs.
 */
public final class ChangePoints {
    /** The significance a split must reach. */
    public static final double ALPHA = 0.001;
    /** The fewest runs on each side of a change point. */
    public static final int MIN_SEGMENT = 3;
    private static final int PERMUTATIONS = 4999;
    private static final long SEED = 20_011L;

    private ChangePoints() {
    }

    /** The change points of every series, series by series, each series' points oldest first. */
    public static List<ChangePoint> find(List<HistorySeries> series) {
        List<ChangePoint> out = new ArrayList<>();
        for (HistorySeries s : series) {
            out.addAll(find(s));
        }
        return out;
    }

    /** The change points of one series, oldest first. */
    public static List<ChangePoint> find(HistorySeries s) {
        double[] values = s.values();
        List<Split> splits = splits(values, ALPHA, MIN_SEGMENT);
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

    /** The significant splits of {@code values}, by position. */
    static List<Split> splits(double[] values, double alpha, int minSegment) {
        List<Split> found = new ArrayList<>();
        Deque<int[]> todo = new ArrayDeque<>();
        todo.push(new int[] {0, values.length});
        Random random = new Random(SEED);
        while (!todo.isEmpty()) {
            int[] seg = todo.pop();
            int n = seg[1] - seg[0];
            if (n < 2 * minSegment) {
                continue;
            }
            double[] ranks = ranks(Arrays.copyOfRange(values, seg[0], seg[1]));
            int[] best = new int[1];
            double observed = maxStatistic(ranks, minSegment, best);
            if (observed == 0) {
                continue;
            }
            double p = permutationP(ranks, minSegment, observed, alpha, random);
            if (p <= alpha) {
                int at = seg[0] + best[0];
                found.add(new Split(at, p));
                todo.push(new int[] {seg[0], at});
                todo.push(new int[] {at, seg[1]});
            }
        }
        found.sort((a, b) -> Integer.compare(a.index, b.index));
        return found;
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

    /** P(max statistic ≥ observed) under exchangeability; stops early once it cannot reach {@code alpha}. */
    private static double permutationP(double[] ranks, int minSegment, double observed, double alpha, Random random) {
        double[] shuffled = ranks.clone();
        int atLeast = 0;
        int limit = (int) Math.floor(alpha * (PERMUTATIONS + 1)); // more than this many and p > alpha
        for (int i = 0; i < PERMUTATIONS; i++) {
            for (int j = shuffled.length - 1; j > 0; j--) {
                int k = random.nextInt(j + 1);
                double t = shuffled[j];
                shuffled[j] = shuffled[k];
                shuffled[k] = t;
            }
            if (maxStatistic(shuffled, minSegment, null) >= observed - 1e-9) {
                atLeast++;
                if (atLeast >= limit) {
                    return (1.0 + atLeast) / (i + 2.0); // already above alpha
                }
            }
        }
        return (1.0 + atLeast) / (PERMUTATIONS + 1.0);
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
