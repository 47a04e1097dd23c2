package dev.gauntlet.config;

import dev.gauntlet.environment.EnvironmentSpec;
import dev.gauntlet.environment.ServiceSpec;
import dev.gauntlet.slo.Objective;
import dev.gauntlet.units.Units;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code resource} objectives: a service's memory growth over a phase, its highest memory or its CPU use,
 * e.g. {@code {phase: soak, service: orders-api, memoryGrowth: < 20MB/h, warmup: 20%}}.
 */
final class ResourceFields {
    /** The objective kinds read here. */
    static final List<String> KINDS = List.of("memoryGrowth", "maxMemory", "cpu");
    /** The fields only resource objectives have. */
    static final List<String> FIELDS = List.of("service", "warmup");
    /** Default share of the phase left out of a growth fit. */
    static final double DEFAULT_WARMUP_SHARE = 0.2;

    private static final Pattern BELOW = Pattern.compile("<\\s*(.+)");
    private static final Pattern CPU_BELOW = Pattern.compile("p(\\d+(?:\\.\\d+)?)\\s*<\\s*(\\d+(?:\\.\\d+)?)\\s*%");
    private static final Pattern SHARE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

    private ResourceFields() {
    }

    /** The resource objective of {@code o}, written as field {@code kind}, that scores {@code metric}. */
    static Objective.Resource objective(Node o, String kind, Objective.Resource.Metric metric, Objective.Scope scope,
                                        String where) {
        if (!o.has("service")) {
            throw o.error(kind + ": needs the 'service' whose " + (metric == Objective.Resource.Metric.CPU ? "CPU" : "memory")
                    + " is scored, e.g. service: orders-api");
        }
        if (scope.operation() != null) {
            throw o.error("operation: a " + kind + " objective is about a service, not an operation; remove it");
        }
        String service = o.text("service").trim();
        String expr = o.text(kind).trim();
        String prefix = where + service + " ";
        if (o.has("warmup") && metric != Objective.Resource.Metric.MEMORY_GROWTH) {
            throw o.error("warmup belongs to a memoryGrowth objective");
        }
        try {
            return switch (metric) {
                case MEMORY_GROWTH -> {
                    if (scope.phase() == null) {
                        throw o.error("memoryGrowth: needs the 'phase' over which memory must not grow (e.g. soak)");
                    }
                    Matcher m = BELOW.matcher(expr);
                    if (!m.matches()) {
                        throw o.error("memoryGrowth: expected '< RATE' with " + Units.SIZE_RATE_EXAMPLES + ", got '" + expr + "'");
                    }
                    double limit = Units.bytesPerHour(m.group(1));
                    Duration warmup = null;
                    double share = DEFAULT_WARMUP_SHARE;
                    if (o.has("warmup")) {
                        String w = o.text("warmup").trim();
                        Matcher sm = SHARE.matcher(w);
                        if (sm.matches() && Double.parseDouble(sm.group(1)) < 100) {
                            share = Double.parseDouble(sm.group(1)) / 100;
                        } else if (Units.isDuration(w)) {
                            warmup = Units.duration(w);
                        } else {
                            throw o.field("warmup").error("expected the part of the phase left out of the fit: a share "
                                    + "below 100% such as 20%, or " + Units.DURATION_EXAMPLES + ", got '" + w + "'");
                        }
                    }
                    yield new Objective.Resource(o.text("name", prefix + "memory growth"), scope, service,
                            Objective.Resource.Metric.MEMORY_GROWTH, limit, 0, warmup, share);
                }
                case MAX_MEMORY -> {
                    Matcher m = BELOW.matcher(expr);
                    if (!m.matches()) {
                        throw o.error("maxMemory: expected '< SIZE' with " + Units.SIZE_EXAMPLES + ", got '" + expr + "'");
                    }
                    yield new Objective.Resource(o.text("name", prefix + "max memory"), scope, service,
                            Objective.Resource.Metric.MAX_MEMORY, Units.bytes(m.group(1)), 0, null, 0);
                }
                case CPU -> {
                    Matcher m = CPU_BELOW.matcher(expr);
                    if (!m.matches()) {
                        throw o.error("cpu: expected 'pNN < PERCENT' such as 'p95 < 80%' (% of one core; 200% = two "
                                + "cores), got '" + expr + "'");
                    }
                    yield new Objective.Resource(o.text("name", prefix + "cpu p" + m.group(1)), scope, service,
                            Objective.Resource.Metric.CPU, Double.parseDouble(m.group(2)), Double.parseDouble(m.group(1)),
                            null, 0);
                }
            };
        } catch (IllegalArgumentException e) {
            throw o.error(kind + ": " + e.getMessage());
        }
    }

    /** Every objective's {@code service} names a service of the environment; only resource objectives have one. */
    static void servicesExist(EnvironmentSpec environment, List<Node> objectives) {
        List<String> services = environment.services().stream().map(ServiceSpec::name).toList();
        for (Node o : objectives) {
            boolean resource = KINDS.stream().anyMatch(o::has);
            for (String field : FIELDS) {
                if (o.has(field) && !resource && !(field.equals("service") && MonitoringFields.namesService(o))) {
                    throw o.field(field).error(field + " belongs to a resource objective (memoryGrowth, maxMemory, cpu)");
                }
            }
            if (o.has("service") && !services.contains(o.text("service").trim())) {
                throw o.field("service").error("no service named '" + o.text("service").trim() + "' (have: "
                        + String.join(", ", services) + ")");
            }
        }
    }
}
