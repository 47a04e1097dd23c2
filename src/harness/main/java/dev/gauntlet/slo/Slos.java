package dev.gauntlet.slo;

import dev.gauntlet.fault.FaultEdge;
import dev.gauntlet.load.LoadRecorder;
import dev.gauntlet.load.LoadResults;
import dev.gauntlet.load.LoadRun;
import dev.gauntlet.load.Outcome;
import dev.gauntlet.load.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** Scores objectives against what the load recorded. Pure: same records, same verdict. */
public final class Slos {
    private Slos() {
    }

    public static List<ObjectiveResult> evaluate(List<Objective> objectives, LoadResults load) {
        return evaluate(objectives, load, List.of());
    }

    /**
     * @param faults the faults as they happened, for recovery objectives
     */
    public static List<ObjectiveResult> evaluate(List<Objective> objectives, LoadResults load, List<FaultEdge> faults) {
        List<ObjectiveResult> out = new ArrayList<>();
        for (Objective o : objectives) {
            out.addAll(switch (o.kind()) {
                case LATENCY -> evaluateAll(o, load, false, s -> latency((Objective.Latency) o, s));
                case ERROR_RATE -> evaluateAll(o, load, false, s -> errorRate((Objective.ErrorRate) o, s));
                case ERROR_BUDGET -> evaluateAll(o, load, true, s -> errorBudget((Objective.ErrorBudget) o, s));
                case RATE_LIMIT -> evaluateAll(o, load, false, s -> rateLimit((Objective.RateLimit) o, s));
                case THROUGHPUT -> evaluateAll(o, load, true, s -> throughput((Objective.Throughput) o, s));
                case RECOVERY -> Recoveries.evaluate((Objective.Recovery) o, load, faults);
                case FAILOVER -> Failovers.evaluate((Failover) o, load, faults);
                // scored against their own evidence: the services' samples (dev.gauntlet.resource), the probes, the
                // read-back of writes, the sampled answers, the history, the cache checks, the monitoring polls
                case RESOURCE, SECURITY, DURABILITY, CONFORMANCE, REGRESSION, CACHING, MONITORING -> List.of();
            });
        }
        return out;
    }

    /** Objectives that name this operation are scored once per operation of the API's traffic. */
    public static final String EVERY_OPERATION = "*";

    /**
     * One result; or one per scored phase for per-phase objectives without a phase; and, for
     * {@code operation: "*"}, one per operation of the load (set-up traffic aside), so that no operation hides in the
     * mix.
     *
     * @param perPhase whether the objective, written without a phase, is scored once per scored phase
     * @param score    scores the objective in one scope
     */
    private static List<ObjectiveResult> evaluateAll(Objective o, LoadResults load, boolean perPhase,
                                                     Function<Scoring, ObjectiveResult> score) {
        boolean perScoredPhase = perPhase && o.scope().phase() == null;
        List<String> phases = new ArrayList<>();
        if (perScoredPhase) {
            load.timeline().windows().stream().filter(Timeline.Window::scored).forEach(w -> phases.add(w.name()));
        } else {
            phases.add(o.scope().phase());
        }
        List<String> operations = new ArrayList<>();
        boolean everyOperation = EVERY_OPERATION.equals(o.scope().operation());
        if (everyOperation) {
            load.operations().stream().filter(op -> !LoadRun.isSetUp(op)).forEach(operations::add);
            if (operations.isEmpty()) {
                return List.of(new Scoring(o, o.name(), o.scope(), load).result(Status.WARN, null, 0, "", 0,
                        "the load has no operations to score one by one", Map.of()));
            }
        } else {
            operations.add(o.scope().operation());
        }
        List<ObjectiveResult> out = new ArrayList<>();
        for (String operation : operations) {
            String name = everyOperation ? forOperation(o.name(), operation) : o.name();
            for (String phase : phases) {
                out.add(evaluate(o, load, new Objective.Scope(phase, operation),
                        perScoredPhase ? name + " (" + phase + ")" : name, score));
            }
        }
        return out;
    }

    /** {@code "baseline * p95 latency"} becomes {@code "baseline GET /orders p95 latency"}; a given name gets the operation added. */
    private static String forOperation(String name, String operation) {
        if (name.startsWith(EVERY_OPERATION + " ") || name.contains(" " + EVERY_OPERATION + " ")) {
            return name.replaceFirst("(^|\\s)\\*\\s", "$1" + java.util.regex.Matcher.quoteReplacement(operation) + " ");
        }
        return name + " · " + operation;
    }

    /** The one result of an objective written with its phase. */
    static ObjectiveResult evaluate(Objective o, LoadResults load) {
        return evaluate(List.of(o), load).get(0);
    }

    private static ObjectiveResult evaluate(Objective o, LoadResults load, Objective.Scope scope, String name,
                                            Function<Scoring, ObjectiveResult> score) {
        Scoring s = new Scoring(o, name, scope, load);
        List<String> phases = load.timeline().windows().stream().map(Timeline.Window::name).toList();
        if (scope.phase() != null && !phases.contains(scope.phase())) {
            return s.unscorable("the load has no phase '" + scope.phase() + "' (phases: " + String.join(", ", phases) + ")");
        }
        if (scope.operation() != null && !load.operations().contains(scope.operation())) {
            return s.unscorable("the load has no operation '" + scope.operation() + "' (operations: "
                    + String.join(", ", load.operations()) + ")");
        }
        return score.apply(s);
    }

    /** The records an objective looks at, and how to phrase its result. */
    private static final class Scoring {
        final Objective objective;
        final String name;
        final String phase;
        final String operation;
        final LoadResults load;
        final Predicate<LoadResults.Cell> inScope;
        final Predicate<LoadResults.Cell> scoredOperation;
        final Predicate<LoadResults.Cell> operationInScope;

        Scoring(Objective objective, String name, Objective.Scope scope, LoadResults load) {
            this.objective = objective;
            this.name = name;
            this.phase = scope.phase() == null ? "all" : scope.phase();
            this.operation = scope.operation() == null ? "all" : scope.operation();
            this.load = load;
            Set<String> scored = load.timeline().windows().stream().filter(Timeline.Window::scored)
                    .map(Timeline.Window::name).collect(Collectors.toSet());
            this.operationInScope = scope.operation() == null
                    ? c -> !LoadRun.isSetUp(c.operation()) // the API's own traffic, not the harness's set-ups
                    : c -> c.operation().equals(scope.operation());
            this.scoredOperation = c -> scored.contains(c.phase()) && operationInScope.test(c);
            this.inScope = c -> (scope.phase() == null ? scored.contains(c.phase()) : c.phase().equals(scope.phase()))
                    && operationInScope.test(c);
        }

        /** The phase's window, or null for an objective scored over every scored phase. */
        Timeline.Window phaseWindow() {
            return "all".equals(phase) ? null : window();
        }

        Timeline.Window window() {
            return load.timeline().windows().stream().filter(w -> w.name().equals(phase)).findFirst().orElseThrow();
        }

        ObjectiveResult result(Status status, Double measured, double threshold, String unit, long samples,
                               String detail, Map<String, Double> figures) {
            return ObjectiveResult.of(objective, name, phase, operation, status,
                    measured == null ? null : round(measured), threshold, unit,
                    measured == null ? null : round(threshold - measured), samples, detail, figures);
        }

        /** For "at least" objectives, where headroom is measured − threshold. */
        ObjectiveResult atLeast(Status status, double measured, double threshold, String unit, long samples,
                                String detail, Map<String, Double> figures) {
            return ObjectiveResult.of(objective, name, phase, operation, status, round(measured), threshold,
                    unit, round(measured - threshold), samples, detail, figures);
        }

        ObjectiveResult unscorable(String why) {
            return ObjectiveResult.of(objective, name, phase, operation, Status.FAIL, null, 0, "", null, 0, why,
                    Map.of());
        }
    }

    private static ObjectiveResult latency(Objective.Latency l, Scoring s) {
        Histogram h = s.load.merged(s.inScope.and(c -> !c.outcome().isRateLimited()));
        double threshold = millis(l.threshold());
        long n = h.getTotalCount();
        if (n == 0) {
            return s.result(Status.WARN, null, threshold, "ms", 0, "no answered requests in scope", Map.of());
        }
        double measured = percentileMs(h, l.percentile());
        // distribution-free: PASS when the percentile's upper bound is under the limit, FAIL when its lower bound is not
        long limit = Math.round(threshold * 1000);
        long over = h.getCountBetweenValues(limit, LoadRecorder.MAX_MICROS);
        PercentileInterval ci = PercentileInterval.of(h, l.percentile(), LoadRecorder.TIMING_GRID_MICROS,
                PercentileInterval.confidenceOf(s.phaseWindow()));
        Status status = ci.judge(limit);
        String detail = String.format("p%s of %d answered requests is %.1f ms, limit %.0f ms", fmt(l.percentile()), n,
                measured, threshold) + "; " + ci.explain(limit, over, 1000, "ms")
                + (status == Status.INCONCLUSIVE && !"all".equals(s.phase) ? ci.phaseNeeded(over, s.window()) : "");
        return s.result(status, measured, threshold, "ms", n, detail, ci.figures(1000));
    }

    private static ObjectiveResult errorRate(Objective.ErrorRate e, Scoring s) {
        long total = s.load.count(s.inScope);
        long errors = s.load.count(s.inScope.and(c -> c.outcome().isError()));
        double threshold = e.maxRatio() * 100;
        if (total == 0) {
            return s.result(Status.WARN, null, threshold, "%", 0, "no requests in scope", Map.of());
        }
        double measured = 100.0 * errors / total;
        return s.result(measured <= threshold ? Status.PASS : Status.FAIL, measured, threshold, "%", total,
                String.format("%d of %d requests failed (5xx or no answer): %.2f %%, limit %s %%", errors, total,
                        measured, fmt(threshold)), Map.of("errors", (double) errors));
    }

    private static ObjectiveResult errorBudget(Objective.ErrorBudget b, Scoring s) {
        long total = s.load.count(s.inScope);
        // a 2xx that broke a contract (conformance check) is an error too
        long errors = s.load.count(s.inScope.and(c -> c.outcome().isError())) + s.load.brokenContracts(s.inScope);
        long scoredTotal = s.load.count(s.scoredOperation);
        double allowedRatio = 1 - b.slo();
        if (total == 0) {
            return s.result(Status.WARN, null, b.maxBurnRate(), "x", 0, "no requests in scope", Map.of());
        }
        double burn = (errors / (double) total) / allowedRatio;
        double budget = allowedRatio * Math.max(scoredTotal, total);
        double consumed = budget == 0 ? 0 : 100.0 * errors / budget;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("slo", b.slo() * 100);
        figures.put("requests", (double) total);
        figures.put("errors", (double) errors);
        figures.put("brokenContracts", (double) s.load.brokenContracts(s.inScope));
        figures.put("burnRate", round(burn));
        figures.put("budgetConsumedPercent", round(consumed));
        return s.result(burn <= b.maxBurnRate() ? Status.PASS : Status.FAIL, burn, b.maxBurnRate(), "x", total,
                String.format("%d errors in %d requests burn the %s %% budget at %.2fx (limit %sx); this phase spent %.1f %% of the run's budget",
                        errors, total, fmt(b.slo() * 100), burn, fmt(b.maxBurnRate()), consumed), figures);
    }

    private static ObjectiveResult rateLimit(Objective.RateLimit r, Scoring s) {
        long limited = s.load.count(s.inScope.and(c -> c.outcome() == Outcome.RATE_LIMITED));
        long bare = s.load.count(s.inScope.and(c -> c.outcome() == Outcome.RATE_LIMITED_WITHOUT_RETRY_AFTER));
        long serverErrors = s.load.count(s.inScope.and(c -> c.outcome() == Outcome.SERVER_ERROR));
        long unanswered = s.load.count(s.inScope.and(c -> c.outcome() == Outcome.NO_RESPONSE));
        long total = s.load.count(s.inScope);
        Histogram admitted = s.load.merged(s.inScope.and(c -> !c.outcome().isRateLimited() && !c.outcome().isError()));
        double threshold = millis(r.threshold());
        Double measured = admitted.getTotalCount() == 0 ? null : percentileMs(admitted, r.percentile());
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("requests", (double) total);
        figures.put("rateLimited", (double) (limited + bare));
        figures.put("withoutRetryAfter", (double) bare);
        figures.put("serverErrors", (double) serverErrors);
        figures.put("noResponse", (double) unanswered);
        List<String> broken = new ArrayList<>();
        if (limited + bare == 0) {
            broken.add("no request was answered 429 although the phase offered " + fmt(round(s.window().offeredRps()))
                    + " visits/s: is the rate limiter off or its limit too high?");
        }
        if (bare > 0) {
            broken.add(bare + " answers were 429 without Retry-After");
        }
        if (serverErrors + unanswered > 0) {
            broken.add(serverErrors + " answers were 5xx and " + unanswered + " requests got no answer (must be 0)");
        }
        long limit = Math.round(threshold * 1000);
        PercentileInterval ci = measured == null ? null : PercentileInterval.of(admitted, r.percentile(),
                LoadRecorder.TIMING_GRID_MICROS, PercentileInterval.confidenceOf(s.phaseWindow()));
        if (ci != null && ci.judge(limit) == Status.FAIL) {
            broken.add(String.format("admitted p%s is %.1f ms, limit %.0f ms (%s)", fmt(r.percentile()), measured,
                    threshold, ci.describe(1000, "ms")));
        }
        if (ci != null) {
            figures.putAll(ci.figures(1000));
        }
        String unsure = ci != null && ci.judge(limit) == Status.INCONCLUSIVE ? "; admitted latency: "
                + ci.explain(limit, admitted.getCountBetweenValues(limit, LoadRecorder.MAX_MICROS), 1000, "ms") : "";
        String summary = String.format("%d of %d requests limited with 429 (+ Retry-After: %d), 5xx %d, no answer %d, admitted p%s %s",
                limited + bare, total, limited, serverErrors, unanswered, fmt(r.percentile()),
                measured == null ? "-" : String.format("%.1f ms", measured));
        Status status = !broken.isEmpty() ? Status.FAIL : unsure.isEmpty() ? Status.PASS : Status.INCONCLUSIVE;
        return s.result(status, measured, threshold, "ms", total,
                (broken.isEmpty() ? summary : String.join("; ", broken) + " (" + summary + ")") + unsure, figures);
    }

    private static ObjectiveResult throughput(Objective.Throughput t, Scoring s) {
        Timeline.Window w = s.window();
        // requests per visit of the operations in scope: set-up traffic and other operations are not offered here
        long visits = s.load.visits().getOrDefault(w.name(), 0L);
        long requests = s.load.count(c -> c.phase().equals(w.name()) && s.operationInScope.test(c));
        double offeredRequests = w.offeredRps() * (visits == 0 ? 1 : requests / (double) visits);
        double seconds = (w.end() - w.start()) / 1000.0;
        double answered = s.load.count(s.inScope.and(c -> !c.outcome().isError())) / seconds;
        double injected = s.load.injectedRps(w);
        double threshold = t.minRatio() * 100;
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("offeredVisitsPerSecond", round(w.offeredRps()));
        figures.put("injectedVisitsPerSecond", round(injected));
        figures.put("offeredRequestsPerSecond", round(offeredRequests));
        figures.put("answeredRequestsPerSecond", round(answered));
        if (offeredRequests <= 0) {
            return s.result(Status.WARN, null, threshold, "%", 0, "the phase offered no load", figures);
        }
        double ratio = 100 * answered / offeredRequests;
        if (injected < t.minRatio() * w.offeredRps()) {
            return s.atLeast(Status.WARN, ratio, threshold, "%", s.load.count(s.inScope), String.format(
                    "the load generator fell behind: it started %.1f of %.1f offered visits/s, so the API was not offered "
                            + "the planned load (give the generator more CPU or lower the rate)", injected, w.offeredRps()), figures);
        }
        return s.atLeast(t.comparison().holds(ratio, threshold) ? Status.PASS : Status.FAIL, ratio, threshold, "%",
                s.load.count(s.inScope), String.format("%.1f answered requests/s of %.1f offered: %.1f %%, %s %s %%",
                        answered, offeredRequests, ratio, t.comparison().words(),
                        fmt(threshold)), figures);
    }

    /**
     * The percentile in ms on the load's whole-millisecond timing grid, as the bounds are read: 100 ms answers are
     * 100.0 ms, not their histogram bucket's top edge 100.35 (the highest whole millisecond of a wider bucket).
     */
    private static double percentileMs(Histogram h, double percentile) {
        return PercentileInterval.onGrid(h, h.getValueAtPercentile(percentile), LoadRecorder.TIMING_GRID_MICROS)[1]
                / 1000.0;
    }

    private static double millis(java.time.Duration d) {
        return d.toNanos() / 1e6;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
