package dev.gauntlet.config;

import dev.gauntlet.slo.Comparison;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.units.Units;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code objectives:}, each item one objective written as data: its kind is the one field it has of
 * {@link #KINDS} ({@code latency: p95 < 250ms}), with an optional name, phase, operation and {@code pending}.
 */
final class ObjectiveFields {
    /** Reads one kind's field ({@code expr} is its trimmed text) into its objective. */
    @FunctionalInterface
    private interface Reader {
        Objective read(Node o, String kind, String expr, Objective.Scope scope, String where);
    }

    /** A kind a file can write: its field, an example for messages, how it is read. */
    private record Kind(String field, String example, Reader reader) {
    }

    /** Every kind of objective an environment file can write, in the order messages list them. */
    private static final List<Kind> KINDS = List.of(
            new Kind("latency", "p95 < 250ms", ObjectiveFields::latency),
            new Kind("errors", "< 1%", ObjectiveFields::errors),
            new Kind("errorBudget", "99.5%", ObjectiveFields::errorBudget),
            new Kind("rateLimit", "p99 < 300ms", ObjectiveFields::rateLimit),
            new Kind("throughput", ">= 95%", ObjectiveFields::throughput),
            new Kind("recovery", "< 10s", ObjectiveFields::recovery),
            new Kind("memoryGrowth", "< 20MB/h, with a service", resource(Objective.Resource.Metric.MEMORY_GROWTH)),
            new Kind("maxMemory", "< 512MB, with a service", resource(Objective.Resource.Metric.MAX_MEMORY)),
            new Kind("cpu", "p95 < 80%, with a service", resource(Objective.Resource.Metric.CPU)),
            new Kind("caching", "private, validators or per-identity", MonitoringFields::caching),
            new Kind("health", "< 5s, with a path", MonitoringFields::health),
            new Kind("metrics", "payments_errors_total, with a path", MonitoringFields::metrics),
            new Kind("failover", "<= 1%, with rerouteWithin", ObjectiveFields::failover));
    /** The fields of an objective besides its kind. */
    private static final List<String> OTHER_FIELDS = List.of("name", "phase", "operation", "maxBurnRate",
            "recoveredLatency", "recoveredErrors", "pending", "service", "warmup", "path", "rerouteWithin");

    private static final Pattern LATENCY = Pattern.compile(
            "p\\(?(\\d+(?:\\.\\d+)?)\\)?\\s*<\\s*(" + Units.DURATION_REGEX + ")");
    private static final Pattern BELOW_RATIO = Pattern.compile("<\\s*(\\d+(?:\\.\\d+)?\\s*%?)");
    private static final Pattern AT_LEAST_RATIO = Pattern.compile("(>=?)\\s*(\\d+(?:\\.\\d+)?\\s*%?)");
    private static final Pattern BELOW_DURATION = Pattern.compile("<\\s*(" + Units.DURATION_REGEX + ")");
    private static final Pattern RATIO = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private ObjectiveFields() {
    }

    /**
     * @param pending filled with the {@code pending: N} of the objectives that have one, by objective name
     */
    static List<Objective> objectives(Node root, Map<String, Integer> pending) {
        Set<String> fields = new HashSet<>(OTHER_FIELDS);
        Map<String, Kind> byField = new LinkedHashMap<>();
        for (Kind k : KINDS) {
            fields.add(k.field());
            byField.put(k.field(), k);
        }
        List<Objective> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node o : root.list("objectives")) {
            o.only(fields);
            List<String> kinds = byField.keySet().stream().filter(o::has).toList();
            if (kinds.size() != 1) {
                throw o.error("expected exactly one of " + String.join(", ", KINDS.stream()
                        .map(k -> k.field() + " (" + k.example() + ")").toList()) + "; got "
                        + (kinds.isEmpty() ? "none" : kinds));
            }
            Objective.Scope scope = new Objective.Scope(o.text("phase", null), o.text("operation", null));
            String where = (scope.phase() == null ? "" : scope.phase() + " ")
                    + (scope.operation() == null ? "" : scope.operation() + " ");
            if ((o.has("recoveredLatency") || o.has("recoveredErrors")) && !o.has("recovery")) {
                throw o.error("recoveredLatency and recoveredErrors belong to a recovery objective");
            }
            if (o.has("path") && !MonitoringFields.namesService(o)) {
                throw o.error("path belongs to a health or metrics objective");
            }
            if (o.has("rerouteWithin") && !o.has("failover")) {
                throw o.error("rerouteWithin belongs to a failover objective");
            }
            if (o.has("maxBurnRate") && !o.has("errorBudget")) {
                throw o.error("maxBurnRate belongs to an errorBudget objective");
            }
            String kind = kinds.get(0);
            Objective objective = byField.get(kind).reader().read(o, kind, o.text(kind).trim(), scope, where);
            if (!names.add(objective.name())) {
                throw o.error("two objectives are named '" + objective.name() + "': give one a 'name'");
            }
            out.add(objective);
            PendingFields.read(o, objective.name(), pending);
        }
        return out;
    }

    private static Objective latency(Node o, String kind, String expr, Objective.Scope scope, String where) {
        Matcher m = percentileBelow(o, kind, expr);
        return new Objective.Latency(o.text("name", where + "p" + m.group(1) + " latency"), scope,
                Double.parseDouble(m.group(1)), Units.duration(m.group(2)));
    }

    private static Objective errors(Node o, String kind, String expr, Objective.Scope scope, String where) {
        Matcher m = BELOW_RATIO.matcher(expr);
        if (!m.matches()) {
            throw o.error("errors: expected '< RATIO' such as '< 1%', got '" + expr + "'");
        }
        return new Objective.ErrorRate(o.text("name", where + "error rate"), scope, Units.ratio(m.group(1)));
    }

    private static Objective errorBudget(Node o, String kind, String expr, Objective.Scope scope, String where) {
        Matcher m = RATIO.matcher(expr);
        if (!m.matches() || Units.ratio(expr) <= 0 || Units.ratio(expr) >= 1) {
            throw o.error("errorBudget: expected an SLO target between 0% and 100% such as 99.5%, got '" + expr + "'");
        }
        double burn = o.has("maxBurnRate") ? o.number("maxBurnRate") : 1.0;
        if (burn <= 0) {
            throw o.error("maxBurnRate: expected a positive number, got " + burn);
        }
        return new Objective.ErrorBudget(o.text("name", where + "error budget"), scope, Units.ratio(expr), burn);
    }

    private static Objective rateLimit(Node o, String kind, String expr, Objective.Scope scope, String where) {
        if (scope.phase() == null) {
            throw o.error("rateLimit: needs the 'phase' whose offered load exceeds the limit (e.g. spike)");
        }
        Matcher m = percentileBelow(o, kind, expr);
        return new Objective.RateLimit(o.text("name", where + "rate limit"), scope, Double.parseDouble(m.group(1)),
                Units.duration(m.group(2)));
    }

    private static Objective throughput(Node o, String kind, String expr, Objective.Scope scope, String where) {
        Matcher m = AT_LEAST_RATIO.matcher(expr);
        if (!m.matches() || Units.ratio(m.group(2)) <= 0 || Units.ratio(m.group(2)) > 1) {
            throw o.error("throughput: expected '>= RATIO' such as '>= 95%', got '" + expr + "'");
        }
        return new Objective.Throughput(o.text("name", where + "throughput"), scope, Units.ratio(m.group(2)),
                Comparison.of(m.group(1)));
    }

    private static Objective recovery(Node o, String kind, String expr, Objective.Scope scope, String where) {
        Matcher m = BELOW_DURATION.matcher(expr);
        if (!m.matches()) {
            throw o.error("recovery: expected '< DURATION' such as '< 10s', got '" + expr + "'");
        }
        Matcher healthy = percentileBelow(o, "recoveredLatency", o.text("recoveredLatency", "p99 < 500ms").trim());
        String errors = o.text("recoveredErrors", "< 1%").trim();
        Matcher e = BELOW_RATIO.matcher(errors);
        if (!e.matches()) {
            throw o.error("recoveredErrors: expected '< RATIO' such as '< 1%', got '" + errors + "'");
        }
        return new Objective.Recovery(o.text("name", where + "recovery"), scope, Units.duration(m.group(1)),
                Double.parseDouble(healthy.group(1)), Units.duration(healthy.group(2)), Units.ratio(e.group(1)));
    }

    private static final Pattern FAILED_DURING_LOSS = Pattern.compile(
            "(?:failedDuringLoss\\s*)?(<=?)\\s*(\\d+(?:\\.\\d+)?\\s*%)");

    /** {@code failover: <= 1%} (requests failed while a replica is lost) with {@code rerouteWithin: 5s}. */
    private static Objective failover(Node o, String kind, String expr, Objective.Scope scope, String where) {
        Matcher m = FAILED_DURING_LOSS.matcher(expr);
        if (!m.matches() || Units.ratio(m.group(2)) >= 1) {
            throw o.error("failover: expected the share of requests that may fail while a replica is lost, '<= RATIO' "
                    + "such as '<= 1%' (optionally 'failedDuringLoss <= 1%'), got '" + expr + "'");
        }
        if (scope.phase() != null) {
            throw o.field("phase").error("a failover objective is scored on each replica fault's own clock: leave "
                    + "phase out (the fault's phase is the result's)");
        }
        java.time.Duration within = o.duration("rerouteWithin", java.time.Duration.ofSeconds(5));
        if (within.isZero() || within.isNegative()) {
            throw o.field("rerouteWithin").error("expected a positive duration such as 5s, got " + o.text("rerouteWithin"));
        }
        return new dev.gauntlet.slo.Failover(o.text("name", where + "failover"), scope, Units.ratio(m.group(2)),
                Comparison.of(m.group(1)), within);
    }

    /** The reader of the resource objective that scores {@code metric}. */
    private static Reader resource(Objective.Resource.Metric metric) {
        return (o, kind, expr, scope, where) -> ResourceFields.objective(o, kind, metric, scope, where);
    }

    private static Matcher percentileBelow(Node o, String kind, String expr) {
        Matcher m = LATENCY.matcher(expr);
        if (!m.matches()) {
            throw o.error(kind + ": expected 'pNN < DURATION' such as 'p95 < 250ms', got '" + expr + "'");
        }
        double percentile = Double.parseDouble(m.group(1));
        if (percentile <= 0 || percentile >= 100) {
            throw o.error(kind + ": percentile must be between 0 and 100, got " + m.group(1));
        }
        return m;
    }
}
