package dev.gauntlet.prometheus;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.report.Reason;
import dev.gauntlet.report.Report;
import dev.gauntlet.slo.ObjectiveResult;
import dev.gauntlet.slo.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * One run's figures in Prometheus' text exposition format (version 0.0.4), as a Pushgateway takes them: every series
 * is a gauge holding the value of this run, labelled with {@code run}; {@code job}, {@code environment},
 * {@code plan} and the file's own labels come from the push's grouping key.
 *
 * <p>Latencies are in seconds and shares are ratios (Prometheus' base units). Statuses are numbers:
 * 0 PASS, 1 INCONCLUSIVE, 2 WARN, 3 FAIL.
 */
public final class Exposition {
    /** Labels the export sets itself; the file's {@code prometheus.labels} may not use them. */
    public static final List<String> RESERVED_LABELS = List.of("job", "instance", "environment", "plan", "run",
            "operation", "phase", "quantile", "objective", "kind", "unit", "status", "verdict", "aborted",
            "simulation");

    /** The quantiles pushed for every (operation, phase). */
    static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private final Map<String, Family> families = new LinkedHashMap<>();
    private final String run;

    private Exposition(String run) {
        this.run = run;
    }

    /**
     * The figures of {@code report}, with the latency percentiles from {@code load}'s histograms.
     *
     * @param load what the load recorded, or null when the run had no load (or stopped before it recorded)
     */
    public static Exposition of(Report report, LoadResults load) {
        Exposition e = new Exposition(report.runId());
        e.run(report);
        if (load != null) {
            e.cells(load);
        }
        e.objectives(report.objectives());
        return e;
    }

    /** Number of series (sample lines). */
    public int series() {
        return families.values().stream().mapToInt(f -> f.lines.size()).sum();
    }

    /** The names of the metric families, in order. */
    public Set<String> names() {
        return families.keySet();
    }

    /** The text to push. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Family f : families.values()) {
            out.append("# HELP ").append(f.name).append(' ').append(f.help).append('\n');
            out.append("# TYPE ").append(f.name).append(" gauge\n");
            f.lines.forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    private void run(Report r) {
        Status verdict = r.verdict() == null ? Status.FAIL : r.verdict();
        add("gauntlet_verdict", "The run's verdict: 0 PASS, 1 INCONCLUSIVE, 2 WARN, 3 FAIL.", Map.of(),
                verdict.ordinal());
        Map<String, String> info = new LinkedHashMap<>();
        info.put("verdict", verdict.name());
        info.put("aborted", r.aborted() == null ? "" : r.aborted().stage());
        info.put("simulation", r.load() == null ? "" : r.load().simulation());
        add("gauntlet_run_info", "Always 1; labels say the verdict, the stage an aborted run stopped in and what "
                + "drove the load.", info, 1);
        add("gauntlet_run_duration_seconds", "Wall time of the gate run.", Map.of(), r.durationSeconds());
        Double started = epochSeconds(r.startedAt());
        if (started != null) {
            add("gauntlet_run_start_timestamp_seconds", "When the run started (Unix time).", Map.of(), started);
        }
        for (Status s : Status.values()) {
            add("gauntlet_checks", "Checks of the verdict, by status.", Map.of("status", s.name()),
                    r.checks().stream().map(Reason::status).filter(s::equals).count());
        }
    }

    private void cells(LoadResults load) {
        Set<List<String>> pairs = new LinkedHashSet<>();
        load.cells().forEach(c -> pairs.add(List.of(c.operation(), c.phase())));
        for (List<String> pair : pairs) {
            String op = pair.get(0);
            String phase = pair.get(1);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("operation", op);
            labels.put("phase", phase);
            // as the latency objectives: every answer but 429s (which are quick on purpose)
            Histogram h = load.merged(c -> c.operation().equals(op) && c.phase().equals(phase)
                    && !c.outcome().isRateLimited());
            if (h.getTotalCount() > 0) {
                for (double q : QUANTILES) {
                    Map<String, String> withQ = new LinkedHashMap<>(labels);
                    withQ.put("quantile", Double.toString(q));
                    add("gauntlet_latency_seconds", "Latency of the answers (429s left out) at a quantile, per "
                            + "operation and phase.", withQ, h.getValueAtPercentile(q * 100) / 1e6);
                }
            }
            add("gauntlet_requests", "Requests the load sent in the run, every outcome, per operation and phase.",
                    labels, load.count(c -> c.operation().equals(op) && c.phase().equals(phase)));
            add("gauntlet_errors", "5xx answers and requests with no answer in the run, per operation and phase.",
                    labels, load.count(c -> c.operation().equals(op) && c.phase().equals(phase)
                            && c.outcome().isError()));
            add("gauntlet_rate_limited", "429 answers in the run, per operation and phase.", labels,
                    load.count(c -> c.operation().equals(op) && c.phase().equals(phase)
                            && c.outcome().isRateLimited()));
        }
    }

    private void objectives(List<ObjectiveResult> objectives) {
        for (ObjectiveResult o : objectives) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("objective", o.name() == null ? "" : o.name());
            labels.put("kind", o.kind() == null ? "" : o.kind());
            labels.put("phase", o.phase() == null ? "" : o.phase());
            labels.put("operation", o.operation() == null ? "" : o.operation());
            add("gauntlet_objective_status", "Each objective's status: 0 PASS, 1 INCONCLUSIVE, 2 WARN, 3 FAIL.",
                    labels, o.status() == null ? Status.FAIL.ordinal() : o.status().ordinal());
            Unit unit = Unit.of(o.unit());
            Map<String, String> withUnit = new LinkedHashMap<>(labels);
            withUnit.put("unit", unit.name);
            if (o.measured() != null) {
                add("gauntlet_objective_measured", "What the objective measured, in base units (seconds, ratio).",
                        withUnit, unit.convert(o.measured()));
            }
            add("gauntlet_objective_threshold", "The objective's limit, in base units (seconds, ratio).", withUnit,
                    unit.convert(o.threshold()));
            if (o.margin() != null) {
                add("gauntlet_objective_margin", "Threshold minus measured, in base units (positive = headroom).",
                        withUnit, unit.convert(o.margin()));
            }
        }
    }

    /** An objective's unit and its conversion to Prometheus' base unit. */
    private record Unit(String name, double factor) {
        static Unit of(String unit) {
            if (unit == null || unit.isBlank()) {
                return new Unit("", 1);
            }
            return switch (unit.trim()) {
                case "ms" -> new Unit("seconds", 1e-3);
                case "us", "µs" -> new Unit("seconds", 1e-6);
                case "s" -> new Unit("seconds", 1);
                case "%" -> new Unit("ratio", 1e-2);
                default -> new Unit(unit.trim(), 1);
            };
        }

        double convert(double v) {
            return v * factor;
        }
    }

    private void add(String name, String help, Map<String, String> labels, double value) {
        Family f = families.computeIfAbsent(name, n -> new Family(n, help));
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put("run", run == null ? "" : run);
        StringBuilder line = new StringBuilder(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> l : all.entrySet()) {
            line.append(first ? "" : ",").append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
            first = false;
        }
        line.append('}');
        if (f.seen.add(line.toString())) { // two results with the same labels: the first one stands
            f.lines.add(line.append(' ').append(number(value)).toString());
        }
    }

    /** A label value escaped as the text format wants it: backslash, double quote and line feed. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static Double epochSeconds(String iso) {
        try {
            return iso == null ? null : java.time.Instant.parse(iso).toEpochMilli() / 1000.0;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static final class Family {
        final String name;
        final String help;
        final List<String> lines = new ArrayList<>();
        final Set<String> seen = new HashSet<>();

        Family(String name, String help) {
            this.name = name;
            this.help = help;
        }
    }
}
