package dev.gauntlet.config;

import dev.gauntlet.slo.Caching;
import dev.gauntlet.slo.Monitoring;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.units.Units;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the caching and monitoring objectives: {@code caching: private | validators | per-identity},
 * {@code health: < 5s} with the {@code path} of a health or readiness endpoint, and {@code metrics: NAME} with the
 * {@code path} of a Prometheus text endpoint. {@code service} names whose endpoint is polled (default: the one under
 * test). They are judged over the whole run, so they take no {@code phase} or {@code operation}.
 */
final class MonitoringFields {
    /** A Prometheus series: a metric name, optionally with label matchers ({@code name{a="b"}}). */
    private static final Pattern SERIES = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})?");
    private static final Pattern BELOW_DURATION = Pattern.compile("<\\s*(" + Units.DURATION_REGEX + ")");

    private MonitoringFields() {
    }

    static Objective caching(Node o, String kind, String expr, Objective.Scope scope, String where) {
        wholeRun(o, kind, scope);
        if (o.has("pending")) {
            throw o.field("pending").error("a caching objective is judged on this run's answers alone; pending applies "
                    + "to objectives scored on the load (latency, errors, health, metrics …)");
        }
        Caching.Rule rule = Arrays.stream(Caching.Rule.values())
                .filter(r -> r.field().equals(expr)).findFirst()
                .orElseThrow(() -> o.field(kind).error("expected one of private (answers to a caller's credentials "
                        + "are not publicly cacheable), validators (ETag / Last-Modified honoured with 304), per-identity "
                        + "(under load no identity gets another's answer); got '" + expr + "'"));
        return new Caching(o.text("name", "caching " + rule.field()), rule);
    }

    static Objective health(Node o, String kind, String expr, Objective.Scope scope, String where) {
        wholeRun(o, kind, scope);
        Matcher m = BELOW_DURATION.matcher(expr);
        if (!m.matches()) {
            throw o.field(kind).error("expected '< DURATION' (how soon the endpoint reports a fault and its end) such "
                    + "as '< 5s', got '" + expr + "'");
        }
        String path = path(o, kind, "/ready");
        return new Monitoring(o.text("name", "health " + path + " tells the truth"),
                Monitoring.Signal.HEALTH, service(o), path, null, Units.duration(m.group(1)));
    }

    static Objective metrics(Node o, String kind, String expr, Objective.Scope scope, String where) {
        wholeRun(o, kind, scope);
        if (!SERIES.matcher(expr).matches()) {
            throw o.field(kind).error("expected the Prometheus series that must grow during each fault, such as "
                    + "payments_errors_total or http_requests_total{status=\"502\"}; got '" + expr + "'");
        }
        String path = path(o, kind, "/metrics");
        return new Monitoring(o.text("name", "metric " + expr + " moves"),
                Monitoring.Signal.METRICS, service(o), path, expr, null);
    }

    private static String path(Node o, String kind, String example) {
        if (!o.has("path")) {
            throw o.field("path").error("is required with " + kind + ": the endpoint's path, such as " + example);
        }
        String path = o.text("path").trim();
        if (!path.startsWith("/")) {
            throw o.field("path").error("expected a path starting with '/', such as " + example + ", got '" + path + "'");
        }
        return path;
    }

    private static String service(Node o) {
        return o.has("service") ? o.text("service").trim() : null;
    }

    private static void wholeRun(Node o, String kind, Objective.Scope scope) {
        if (scope.phase() != null || scope.operation() != null) {
            throw o.error(kind + ": is judged over the whole run; remove 'phase' and 'operation'");
        }
        if (!kind.equals("health") && !kind.equals("metrics") && (o.has("path") || o.has("service"))) {
            throw o.error("path and service belong to a health or metrics objective");
        }
    }

    /** Whether {@code o} is an objective that may name a service besides the resource ones. */
    static boolean namesService(Node o) {
        return o.has("health") || o.has("metrics");
    }
}
