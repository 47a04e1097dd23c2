package dev.gauntlet.resource;

/**
 * A least-squares line {@code y = intercept + slope · x} through points, with its coefficient of determination.
 *
 * @param slope     change of y per unit of x
 * @param intercept y at x = 0
 * @param r2        share of y's variance the line explains (0..1; 1 when y does not vary at all, as a flat line
 *                  explains it fully)
 * @param n         points
 */
public record LinearFit(double slope, double intercept, double r2, int n) {

    /**
     * Fits {@code y} over {@code x} (same length, at least two points with different x).
     *
     * @throws IllegalArgumentException when there are fewer than two points or every x is equal
     */
    public static LinearFit of(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("a line needs at least two points, got " + Math.min(x.length, y.length));
        }
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            sxy += (x[i] - mx) * (y[i] - my);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("a line needs points at different x");
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
        return new LinearFit(slope, my - slope * mx, r2, n);
    }

    /** y on the line at {@code x}. */
    public double at(double x) {
        return intercept + slope * x;
    }
}
