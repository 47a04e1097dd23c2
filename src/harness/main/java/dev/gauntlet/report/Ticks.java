package dev.gauntlet.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Round axis ticks for the page's charts: steps of 1, 2 or 5 times a power of ten (never 62.5 or 188), from zero to
 * the first tick at or above the largest value; and the ticks of a logarithmic axis (1, 2, 5, 10, 20, 50 …).
 */
final class Ticks {
    private static final double[] STEPS = {1, 2, 5, 10};

    private Ticks() {
    }

    /** About {@code count} ticks from 0 to at least {@code max} (max ≤ 0 is treated as 1), each a round number. */
    static List<Double> linear(double max, int count) {
        double top = max > 0 && Double.isFinite(max) ? max : 1;
        double step = step(top / Math.max(1, count));
        int n = (int) Math.ceil(top / step - 1e-9);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i <= Math.max(1, n); i++) {
            out.add(clean(i * step));
        }
        return out;
    }

    /** The smallest step of 1, 2 or 5 times a power of ten at or above {@code rough}. */
    static double step(double rough) {
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : STEPS) {
            if (m * p >= rough * (1 - 1e-9)) {
                return clean(m * p);
            }
        }
        return clean(10 * p);
    }

    /** Ticks 1, 2, 5 × 10^k covering [{@code min}, {@code max}] on a log axis, from the one at or below min. */
    static List<Double> log(double min, double max) {
        double lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-3))));
        List<Double> out = new ArrayList<>();
        for (double p = lo; p <= max * 10; p *= 10) {
            for (double m : new double[] {1, 2, 5}) {
                double v = clean(m * p);
                if (v >= lo && (out.isEmpty() || out.get(out.size() - 1) < max)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** A tick's label: no trailing zeros, no float noise (0.1 + 0.2). */
    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString();
    }

    private static double clean(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.12g", v));
    }
}
