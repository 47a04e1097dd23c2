package dev.gauntlet.history;

import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * One measured value over a series of runs, oldest first: an objective's measured value, or an operation's p95 or p99
 * latency in one phase. A run that did not measure it has no point.
 *
 * @param name   what is measured, e.g. {@code baseline p99 latency} or {@code GET /orders · baseline · p95}
 * @param group  what it is drawn with: the objective's name, or the operation and phase ({@code GET /orders ·
 *               baseline}) whose p95 and p99 share a chart
 * @param unit   ms, %, x …
 * @param points the runs that measured it, oldest first
 */
public record HistorySeries(String name, String group, String unit, List<Point> points) {
    public HistorySeries {
        points = List.copyOf(points);
    }

    /** One run's value, and the objective's status in that run (null for latency percentiles of a cell). */
    public record Point(String runId, java.time.Instant started, double value, Status status) {
        /** A point without a status. */
        public Point(String runId, java.time.Instant started, double value) {
            this(runId, started, value, null);
        }
    }

    /** The values, oldest first. */
    public double[] values() {
        return points.stream().mapToDouble(Point::value).toArray();
    }

    /**
     * Every series of the earlier runs and the current one (which is last): each objective of the current run by
     * name, then each (operation, phase) of the current run's cells, p95 and p99 of its answered latency, for the
     * phases {@code scored} accepts.
     */
    public static List<HistorySeries> of(List<RunRecord> earlier, RunRecord current, Predicate<String> scored) {
        List<RunRecord> runs = new ArrayList<>(earlier);
        runs.add(current);
        List<HistorySeries> out = new ArrayList<>();
        for (RunRecord.Result o : current.objectives()) {
            if (o.measured() == null) {
                continue;
            }
            List<Point> points = new ArrayList<>();
            for (RunRecord run : runs) {
                run.objectives().stream().filter(r -> r.name().equals(o.name()) && r.measured() != null).findFirst()
                        .ifPresent(r -> points.add(new Point(run.id(), run.started(), r.measured(), r.status())));
            }
            out.add(new HistorySeries(o.name(), o.name(), o.unit(), points));
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunRecord.Cell c : current.cells()) {
            if (!scored.test(c.phase()) || c.latency().getTotalCount() == 0
                    || !seen.add(c.operation() + "\n" + c.phase())) {
                continue;
            }
            for (double p : new double[] {95, 99}) {
                List<Point> points = new ArrayList<>();
                for (RunRecord run : runs) {
                    Histogram h = latency(run, c.operation(), c.phase());
                    if (h != null && h.getTotalCount() > 0) {
                        points.add(new Point(run.id(), run.started(), h.getValueAtPercentile(p) / 1000.0));
                    }
                }
                out.add(new HistorySeries(cellName(c.operation(), c.phase(), p), c.operation() + " · " + c.phase(), "ms",
                        points));
            }
        }
        return out;
    }

    /** All phases. */
    public static List<HistorySeries> of(List<RunRecord> earlier, RunRecord current) {
        return of(earlier, current, phase -> true);
    }

    static String cellName(String operation, String phase, double percentile) {
        return operation + " · " + phase + " · p" + (long) percentile;
    }

    private static Histogram latency(RunRecord run, String operation, String phase) {
        Histogram merged = null;
        boolean copied = false;
        for (RunRecord.Cell c : run.cells()) {
            if (c.operation().equals(operation) && c.phase().equals(phase)) {
                if (merged == null) {
                    merged = c.latency(); // normally one cell per (operation, phase): read as it is
                } else {
                    if (!copied) {
                        merged = merged.copy();
                        copied = true;
                    }
                    merged.add(c.latency());
                }
            }
        }
        return merged;
    }
}
