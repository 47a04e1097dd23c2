package dev.gauntlet.history;

import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges one operation in one phase against the same cell of the earlier comparable runs. Pure: same inputs, same
 * result.
 *
 * <p>Latency FAILS only when three things hold at once: this run's percentile is more than the tolerance above the
 * baseline (the median of the earlier runs' percentiles); its distribution-free lower 97.5 % confidence bound (an
 * order statistic of this run's samples) is above the highest earlier percentile; and the shift is beyond what the
 * earlier runs varied among themselves (a one-sided t prediction test on the log of the percentiles, p &lt; 0.05, their
 * spread taken as at least 5 % and at least the 1 ms step of the load's timings; a percentile under that step, a
 * sub-millisecond loopback answer timed 0 ms, counts as 1 ms, so the logs and the ratio stay defined).
 * The first is the practical size, the second this run's sampling noise, the third run-to-run variation, which
 * pooling the earlier runs' samples would hide. Errors FAIL when this run's error ratio is significantly above
 * (binomial, p &lt; 0.05) the highest earlier ratio plus the tolerated growth.
 *
 * <p>When this machine's calibration is slower than the earlier runs' (the larger of the loopback and CPU ratios), the
 * earlier percentiles are scaled by that factor first: a busy machine slows every operation, and only a shift beyond
 * it is the code's. Beyond {@code maxSlowdown} a latency FAIL is INCONCLUSIVE instead; errors are judged as they are
 * (slowness does not explain error answers).
 */
public final class Regression {
    /** One-sided level of the confidence bounds (97.5 % each side: a 95 % two-sided interval). */
    static final double BOUND_ALPHA = 0.025;
    /** One-sided level of the run-to-run and error tests. */
    static final double TEST_ALPHA = 0.05;
    /** The run-to-run spread of the log percentile is taken as at least this (5 %: no shared machine is steadier). */
    static final double MIN_LOG_SPREAD = 0.05;
    /**
     * The load times answers in whole milliseconds (Gatling), so a percentile is known to ±1 ms at best: a few earlier
     * runs that agree to the millisecond do not show a run-to-run spread below that step.
     */
    static final double RESOLUTION_MS = 1.0;

    private Regression() {
    }

    /**
     * @param spec        how to judge
     * @param name        the result's name
     * @param environment the environment's name (for reasons)
     * @param current     this run's cell
     * @param now         this run's calibration, or null
     * @param earlier     the earlier comparable runs, oldest first (at most {@code spec.runs()} are used: the last)
     */
    public static ObjectiveResult judge(RegressionSpec spec, String name, String environment, RunRecord.Cell current,
                                        Calibration now, List<RunRecord> earlier) {
        double q = spec.percentile() / 100;
        String p = "p" + fmt(spec.percentile());
        List<RunRecord> last = earlier.subList(Math.max(0, earlier.size() - spec.runs()), earlier.size());
        long minSamples = Math.max(20, Stats.samplesForInterval(q, BOUND_ALPHA));
        List<RunRecord.Cell> cells = new ArrayList<>();
        List<Calibration> calibrations = new ArrayList<>();
        for (RunRecord r : last) {
            for (RunRecord.Cell c : r.cells()) {
                if (c.operation().equals(current.operation()) && c.phase().equals(current.phase())
                        && c.latency().getTotalCount() >= minSamples) {
                    cells.add(c);
                    if (r.calibration() != null) {
                        calibrations.add(r.calibration());
                    }
                }
            }
        }
        long n = current.latency().getTotalCount();
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("earlierRuns", (double) cells.size());
        figures.put("samples", (double) n);
        Result r = new Result(name, current, spec, figures);
        if (last.size() < spec.minRuns()) {
            return r.inconclusive(last.size() + " earlier run" + (last.size() == 1 ? "" : "s") + " of environment "
                    + environment + " with this plan, " + spec.minRuns() + " needed");
        }
        if (n < minSamples) {
            return r.inconclusive(n + " answered request" + (n == 1 ? "" : "s") + " in this run: too few for a 95 % "
                    + "interval of " + p + " (" + minSamples + " needed)");
        }
        if (cells.size() < spec.minRuns()) {
            return r.inconclusive(cells.size() + " of the " + last.size() + " earlier runs of environment " + environment
                    + " with this plan answered " + current.operation() + " at least " + minSamples + " times in phase "
                    + current.phase() + ", " + spec.minRuns() + " needed");
        }
        // a machine measurably slower than in the earlier runs (its calibration) is slower for every operation: the
        // earlier runs are scaled by that factor, so one operation's shift is judged beyond the machine's own (up to
        // maxSlowdown: beyond it a would-be FAIL is INCONCLUSIVE below)
        double slowdown = slowdown(now, calibrations);
        double scale = slowdown > spec.maxSlowdown() ? 1 : Math.max(1, slowdown);
        if (slowdown > 0) {
            figures.put("machineSlowdown", round(slowdown));
        }
        double[] base = cells.stream()
                .mapToDouble(c -> timed(scale * c.latency().getValueAtPercentile(spec.percentile()) / 1000.0)).toArray();
        double[] logs = java.util.Arrays.stream(base).map(Math::log).toArray();
        double baseline = Stats.median(base);
        double baseMax = java.util.Arrays.stream(base).max().orElseThrow();
        double baseMin = java.util.Arrays.stream(base).min().orElseThrow();
        double value = timed(current.latency().getValueAtPercentile(spec.percentile()) / 1000.0);
        double low = Stats.valueAtRank(current.latency(), Stats.lowerRank(n, q, BOUND_ALPHA)) / 1000.0;
        long upper = Stats.upperRank(n, q, BOUND_ALPHA);
        double high = Stats.valueAtRank(current.latency(), Math.min(upper, n)) / 1000.0;
        double spread = Math.max(Math.max(MIN_LOG_SPREAD, Math.log1p(RESOLUTION_MS / baseline)), Stats.sd(logs));
        int k = logs.length;
        double t = (Math.log(value) - Stats.mean(logs)) / (spread * Math.sqrt(1 + 1.0 / k));
        double pValue = Stats.studentUpperTail(t, k - 1);
        double ratio = value / baseline;
        figures.put("baseline", round(baseline));
        figures.put("baselineMin", round(baseMin));
        figures.put("baselineMax", round(baseMax));
        figures.put("current", round(value));
        figures.put("currentLow", round(low));
        figures.put("currentHigh", round(high));
        figures.put("ratio", round(ratio));
        figures.put("runToRunSpreadPercent", round(100 * (Math.exp(spread) - 1)));
        figures.put("pValue", pValue < 1e-4 ? 0.0001 : round4(pValue));
        boolean beyondTolerance = ratio > 1 + spec.tolerance();
        boolean beyondSampling = low > baseMax;
        boolean beyondRuns = pValue < TEST_ALPHA;
        boolean slower = beyondTolerance && beyondSampling && beyondRuns;
        String scaled = scale > 1 ? String.format(Locale.ROOT, ", scaled by %.2f for this machine's slowdown", scale)
                : "";
        String latency = String.format(Locale.ROOT, "%s %.1f ms (95 %% interval %.1f–%.1f ms, %d answered) vs %.1f ms, "
                        + "the median of %d earlier runs (%.1f–%.1f ms%s): %.2fx, p = %s; tolerance +%s %%", p, value,
                low, high, n, baseline, k, baseMin, baseMax, scaled, ratio, pValue < 1e-4 ? "< 0.0001"
                        : String.format(Locale.ROOT, "%.4f", pValue), fmt(spec.tolerance() * 100));
        if (!slower && beyondTolerance) {
            latency += " (" + String.join(", ", whyNot(beyondSampling, beyondRuns)) + ")";
        }
        String errors = errors(spec, current, cells, figures);
        boolean failed = slower || errors != null;
        String detail = slower ? "slower: " + latency : latency;
        if (errors != null) {
            detail = (slower ? detail + "; " : latency + "; ") + errors;
        }
        double threshold = baseline * (1 + spec.tolerance());
        if (slower && errors == null) {
            // slowness explains slower answers, never errors
            if (slowdown > spec.maxSlowdown()) {
                return r.of(Status.INCONCLUSIVE, value, threshold, String.format(Locale.ROOT, "this machine is %.1fx "
                        + "slower than in the earlier runs (calibration; more than %sx), too slow to tell the code's "
                        + "shift from the machine's: %s", slowdown, fmt(spec.maxSlowdown()), detail));
            }
        }
        return r.of(failed ? Status.FAIL : Status.PASS, value, threshold, failed ? detail : "within noise: " + detail);
    }

    /**
     * A percentile as the load can time it: at least {@link #RESOLUTION_MS}. Sub-millisecond loopback answers are
     * timed 0 ms; a 0 among the earlier runs would make the log spread NaN (no FAIL ever, p printed as 0.0) and a
     * current 0 a ratio of 0 / 0, so a percentile under the resolution counts as the resolution.
     */
    static double timed(double ms) {
        return Math.max(RESOLUTION_MS, ms);
    }

    private static List<String> whyNot(boolean beyondSampling, boolean beyondRuns) {
        List<String> why = new ArrayList<>();
        if (!beyondSampling) {
            why.add("within this run's sampling noise: its lower bound is not above the slowest earlier run");
        }
        if (!beyondRuns) {
            why.add("within the earlier runs' run-to-run variation");
        }
        return why;
    }

    /** Why the error ratio regressed, or null when it did not. */
    private static String errors(RegressionSpec spec, RunRecord.Cell current, List<RunRecord.Cell> cells,
                                 Map<String, Double> figures) {
        if (current.requests() == 0) {
            return null;
        }
        double ratio = current.errors() / (double) current.requests();
        double baseMax = cells.stream().filter(c -> c.requests() > 0)
                .mapToDouble(c -> c.errors() / (double) c.requests()).max().orElse(0);
        double allowed = Math.min(1, baseMax + spec.errorTolerance());
        double pValue = Stats.binomialAtLeast(current.errors(), current.requests(), allowed);
        figures.put("errorPercent", round(100 * ratio));
        figures.put("baselineErrorPercent", round(100 * baseMax));
        if (ratio > allowed && pValue < TEST_ALPHA) {
            return String.format(Locale.ROOT, "errors %d of %d requests (%.2f %%), significantly above the earlier runs' "
                    + "highest %.2f %% plus %s points (p = %.4f)", current.errors(), current.requests(), 100 * ratio,
                    100 * baseMax, fmt(spec.errorTolerance() * 100), pValue);
        }
        return null;
    }

    /**
     * How much slower this machine is than in the earlier runs: the larger of the loopback and CPU ratios against the
     * earlier runs' medians; 0 when either side has no calibration.
     */
    static double slowdown(Calibration now, List<Calibration> earlier) {
        if (now == null || earlier.isEmpty()) {
            return 0;
        }
        double loop = now.loopbackMicros() / Stats.median(earlier.stream().mapToDouble(Calibration::loopbackMicros).toArray());
        double cpu = now.cpuMillis() / Stats.median(earlier.stream().mapToDouble(Calibration::cpuMillis).toArray());
        return Math.max(loop, cpu);
    }

    /** Builds the result. */
    private record Result(String name, RunRecord.Cell cell, RegressionSpec spec, Map<String, Double> figures) {
        ObjectiveResult inconclusive(String why) {
            return ObjectiveResult.of(spec.objective(), name, cell.phase(), cell.operation(), Status.INCONCLUSIVE, null,
                    0, "ms",
                    null, cell.latency().getTotalCount(), "too little data to judge: " + why, figures);
        }

        ObjectiveResult of(Status status, double measured, double threshold, String detail) {
            return ObjectiveResult.of(spec.objective(), name, cell.phase(), cell.operation(), status, round(measured),
                    round(threshold), "ms", round(threshold - measured), cell.latency().getTotalCount(), detail, figures);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double round4(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
