package dev.gauntlet.history;

import dev.gauntlet.slo.Objective;

/**
 * How the {@code regression} objectives judge a run against the earlier runs of the same environment and plan: the
 * environment file's {@code regression:} field ({@code off}, or a mapping of these values).
 *
 * @param enabled        whether regression objectives are scored at all when a history is kept
 * @param percentile     the latency percentile compared ({@code 95} for p95)
 * @param tolerance      how much slower the percentile may get before it can fail ({@code 0.2} = +20 %)
 * @param runs           how many earlier comparable runs to compare with at most (the last ones)
 * @param minRuns        how many earlier comparable runs are needed to judge at all (fewer: INCONCLUSIVE)
 * @param errorTolerance how much the error ratio may grow, absolute ({@code 0.01} = one percentage point)
 * @param maxSlowdown    how much slower this machine's calibration may be than the earlier runs' before a would-be
 *                       FAIL becomes INCONCLUSIVE ({@code 1.5} = 1.5x)
 */
public record RegressionSpec(boolean enabled, double percentile, double tolerance, int runs, int minRuns,
                             double errorTolerance, double maxSlowdown) {
    /**
     * The defaults: p95, +20 %, the last 7 runs, at least 3, errors +1 point, machine at most 2x slower (the loopback
     * round trip alone varied by up to 1.7x between calm runs on a shared 2-core box).
     */
    public static final RegressionSpec DEFAULT = new RegressionSpec(true, 95, 0.20, 7, 3, 0.01, 2);
    /** {@code regression: off}. */
    public static final RegressionSpec OFF = new RegressionSpec(false, 95, 0.20, 7, 3, 0.01, 2);

    /** The objective it scores for each operation and scored phase. */
    public Objective.Regression objective() {
        return new Objective.Regression("p" + Regression.fmt(percentile) + " regression", percentile, tolerance,
                errorTolerance);
    }

    public RegressionSpec {
        if (!(percentile > 0 && percentile < 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, got " + percentile);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be 0 % or more, got " + tolerance);
        }
        if (minRuns < 2) {
            throw new IllegalArgumentException("minRuns must be at least 2 (the spread of the earlier runs needs two), got "
                    + minRuns);
        }
        if (runs < minRuns) {
            throw new IllegalArgumentException("runs (" + runs + ") must be at least minRuns (" + minRuns + ")");
        }
        if (!(errorTolerance >= 0 && errorTolerance < 1)) {
            throw new IllegalArgumentException("errors must be between 0 % and 100 %, got " + errorTolerance);
        }
        if (!(maxSlowdown >= 1)) {
            throw new IllegalArgumentException("maxSlowdown must be 1 or more (a factor such as 1.5), got " + maxSlowdown);
        }
    }
}
