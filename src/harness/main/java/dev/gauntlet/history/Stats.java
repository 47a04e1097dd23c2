package dev.gauntlet.history;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * The small statistics the regression judge needs: distribution-free confidence bounds of a percentile from order
 * statistics, binomial tails, Student's t tail. Pure functions.
 */
final class Stats {
    private Stats() {
    }

    /** P(X ≤ k) for X ~ Binomial(n, p), summed in log space. */
    static double binomialAtMost(long k, long n, double p) {
        if (k < 0) {
            return 0;
        }
        if (k >= n || p <= 0) {
            return 1;
        }
        if (p >= 1) {
            return 0;
        }
        double logP = Math.log(p);
        double log1P = Math.log1p(-p);
        double term = n * log1P;
        double sum = Math.exp(term);
        for (long i = 1; i <= k; i++) {
            term += Math.log((double) (n - i + 1) / i) + logP - log1P;
            sum += Math.exp(term);
        }
        return Math.min(1, sum);
    }

    /** P(X ≥ k) for X ~ Binomial(n, p). */
    static double binomialAtLeast(long k, long n, double p) {
        return k <= 0 ? 1 : Math.max(0, 1 - binomialAtMost(k - 1, n, p));
    }

    /**
     * The 1-based rank of the order statistic that is a lower confidence bound of the {@code q} quantile at
     * {@code 1 - alpha} (one-sided), or 0 when {@code n} samples are too few for one.
     */
    static long lowerRank(long n, double q, double alpha) {
        long rank = 0;
        // P(x_(l) <= quantile) = P(Binomial(n, q) >= l); the largest l with that at least 1 - alpha
        long lo = 1;
        long hi = n;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            if (binomialAtLeast(mid, n, q) >= 1 - alpha) {
                rank = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return rank;
    }

    /**
     * The 1-based rank of the order statistic that is an upper confidence bound of the {@code q} quantile at
     * {@code 1 - alpha} (one-sided), or {@code n + 1} when {@code n} samples are too few for one.
     */
    static long upperRank(long n, double q, double alpha) {
        // P(x_(u) >= quantile) = P(Binomial(n, q) <= u - 1); the smallest u with that at least 1 - alpha
        long rank = n + 1;
        long lo = 1;
        long hi = n;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            if (binomialAtMost(mid - 1, n, q) >= 1 - alpha) {
                rank = mid;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        return rank;
    }

    /** The fewest samples for which both bounds of a two-sided {@code 1 - 2 alpha} interval of the q quantile exist. */
    static long samplesForInterval(double q, double alpha) {
        long n = (long) Math.ceil(Math.log(alpha) / Math.log(Math.max(q, 1 - q)));
        return Math.max(n, 2);
    }

    /** The value (µs, the highest equivalent of its bucket, as HdrHistogram reports percentiles) at a 1-based rank. */
    static long valueAtRank(Histogram h, long rank) {
        long seen = 0;
        for (var v : h.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= rank) {
                return h.highestEquivalentValue(v.getValueIteratedTo());
            }
        }
        return h.getMaxValue();
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (n − 1). */
    static double sd(double[] values) {
        double m = mean(values);
        double ss = Arrays.stream(values).map(v -> (v - m) * (v - m)).sum();
        return values.length < 2 ? 0 : Math.sqrt(ss / (values.length - 1));
    }

    /** P(T > t) for Student's t with {@code df} degrees of freedom. */
    static double studentUpperTail(double t, double df) {
        double x = df / (df + t * t);
        double tail = 0.5 * regularizedBeta(x, df / 2, 0.5);
        return t >= 0 ? tail : 1 - tail;
    }

    /** I_x(a, b), by the continued fraction (Numerical Recipes, betacf). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    private static double continuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-12) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x), Lanczos approximation (g = 7, n = 9). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < 9; i++) {
            sum += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
