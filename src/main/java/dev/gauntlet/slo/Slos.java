package dev.gauntlet.slo;

import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** Scores objectives against what the load recorded. Pure: same records, same verdict. */
public final class Slos {
    private Slos() {
    }

    public static List<ObjectiveResult> evaluate(List<Objective> objectives, LoadResults load) {
        List<ObjectiveResult> out = new ArrayList<>();
        for (Objective o : objectives) {
            out.add(evaluate(o, load));
        }
        return out;
    }

    static ObjectiveResult evaluate(Objective o, LoadResults load) {
        Objective.Scope scope = o.scope();
        String phase = scope.phase() == null ? "all" : scope.phase();
        String operation = scope.operation() == null ? "all" : scope.operation();
        Set<String> phases = load.timeline().windows().stream().map(Timeline.Window::name).collect(Collectors.toSet());
        if (scope.phase() != null && !phases.contains(scope.phase())) {
            return unscorable(o, phase, operation, "the load has no phase '" + scope.phase() + "' (phases: "
                    + String.join(", ", load.timeline().windows().stream().map(Timeline.Window::name).toList()) + ")");
        }
        if (scope.operation() != null && !load.operations().contains(scope.operation())) {
            return unscorable(o, phase, operation, "the load has no operation '" + scope.operation() + "' (operations: "
                    + String.join(", ", load.operations()) + ")");
        }
        Set<String> scored = load.timeline().windows().stream().filter(Timeline.Window::scored)
                .map(Timeline.Window::name).collect(Collectors.toSet());
        Predicate<LoadResults.Cell> inScope = c -> (scope.phase() == null ? scored.contains(c.phase()) : c.phase().equals(scope.phase()))
                && (scope.operation() == null || c.operation().equals(scope.operation()));
        if (o instanceof Objective.Latency l) {
            return latency(l, load, inScope, phase, operation);
        }
        return errorRate((Objective.ErrorRate) o, load, inScope, phase, operation);
    }

    private static ObjectiveResult latency(Objective.Latency l, LoadResults load, Predicate<LoadResults.Cell> inScope,
                                           String phase, String operation) {
        Histogram h = load.merged(inScope.and(c -> c.outcome() != Outcome.RATE_LIMITED));
        double threshold = l.threshold().toNanos() / 1e6;
        long n = h.getTotalCount();
        if (n == 0) {
            return new ObjectiveResult(l.name(), l.kind(), phase, operation, Status.WARN, null, threshold, "ms", null,
                    0, "no answered requests in scope");
        }
        double measured = h.getValueAtPercentile(l.percentile()) / 1000.0;
        long needed = (long) Math.ceil(100.0 / (100.0 - l.percentile()));
        Status status = measured < threshold ? (n < needed ? Status.WARN : Status.PASS) : Status.FAIL;
        String detail = String.format("p%s of %d answered requests is %.1f ms, limit %.0f ms", fmt(l.percentile()), n,
                measured, threshold)
                + (status == Status.WARN ? " (only " + n + " samples, p" + fmt(l.percentile()) + " needs " + needed + ")" : "");
        return new ObjectiveResult(l.name(), l.kind(), phase, operation, status, round(measured), threshold, "ms",
                round(threshold - measured), n, detail);
    }

    private static ObjectiveResult errorRate(Objective.ErrorRate e, LoadResults load, Predicate<LoadResults.Cell> inScope,
                                             String phase, String operation) {
        long total = load.count(inScope);
        long errors = load.count(inScope.and(c -> c.outcome().isError()));
        double threshold = e.maxRatio() * 100;
        if (total == 0) {
            return new ObjectiveResult(e.name(), e.kind(), phase, operation, Status.WARN, null, threshold, "%", null,
                    0, "no requests in scope");
        }
        double measured = 100.0 * errors / total;
        Status status = measured <= threshold ? Status.PASS : Status.FAIL;
        return new ObjectiveResult(e.name(), e.kind(), phase, operation, status, round(measured), threshold, "%",
                round(threshold - measured), total,
                String.format("%d of %d requests failed (5xx or no answer): %.2f %%, limit %s %%", errors, total,
                        measured, fmt(threshold)));
    }

    private static ObjectiveResult unscorable(Objective o, String phase, String operation, String why) {
        return new ObjectiveResult(o.name(), o.kind(), phase, operation, Status.FAIL, null, 0, "", null, 0, why);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
