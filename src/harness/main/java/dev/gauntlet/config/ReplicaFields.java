package dev.gauntlet.config;

import dev.gauntlet.environment.Balancer;
import dev.gauntlet.environment.Readiness;
import dev.gauntlet.environment.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code replicas: N} and {@code balancer:} of a service: the service becomes N replicas
 * ({@code NAME#1} … {@code NAME#N}, each a process of its own on its own {@code ${port}}, {@code ${replica}} its
 * number) and, under the service's own name, an HAProxy load balancer in front of them, which every other service and
 * the gate's traffic reach. The balancer reaches each replica through the gate's TCP proxy, so a network fault
 * ({@code service: NAME#2, kind: down}) cuts one replica off; process faults name a replica the same way.
 */
final class ReplicaFields {
    static final Set<String> FIELDS = Set.of("replicas", "balancer");
    private static final Set<String> BALANCER_FIELDS = Set.of("program", "check", "interval", "fall", "rise",
            "connectTimeout", "serverTimeout", "retries", "redispatch");
    /** The most replicas one service may have: a 2-core machine runs them all. */
    static final int MAX_REPLICAS = 8;

    private ReplicaFields() {
    }

    /**
     * The services {@code service} stands for: itself when it has no {@code replicas}; else its replicas, then the
     * balancer under its name.
     *
     * @param service  the service as written (its command and env may use {@code ${replica}})
     * @param path     the {@code PATH} the balancer's program is looked up on
     */
    static List<ServiceSpec> expand(Node s, ServiceSpec service, String path) {
        if (!s.has("replicas")) {
            if (s.has("balancer")) {
                throw s.field("balancer").error("belongs to a service with replicas: N (N >= 2)");
            }
            return List.of(service);
        }
        double count = s.number("replicas");
        if (count != Math.rint(count) || count < 2 || count > MAX_REPLICAS) {
            throw s.field("replicas").error("expected a whole number from 2 to " + MAX_REPLICAS + " (one instance "
                    + "needs no balancer: leave replicas out), got " + s.text("replicas"));
        }
        if (service.name().contains("#")) {
            throw s.error("a service with replicas cannot have '#' in its name (replica names are NAME#N)");
        }
        List<ServiceSpec> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int n = 1; n <= (int) count; n++) {
            String name = Balancer.replicaName(service.name(), n);
            names.add(name);
            String number = Integer.toString(n);
            Map<String, String> env = new LinkedHashMap<>();
            service.env().forEach((k, v) -> env.put(k, v.replace("${replica}", number)));
            out.add(new ServiceSpec(name, service.command().stream().map(c -> c.replace("${replica}", number)).toList(),
                    service.readiness(), env, false, service.dependsOn(), service.startTimeout(), service.image(),
                    service.proxied()));
        }
        Balancer balancer = balancer(s, service, names, path);
        out.add(new ServiceSpec(service.name(), List.of(balancer.program().toString(), "-f", "${balancer.config}", "-db"),
                new Readiness.Http(balancer.checkPath()), Map.of(), service.underTest(), names, service.startTimeout(),
                null, names, null, balancer));
        return out;
    }

    private static Balancer balancer(Node s, ServiceSpec service, List<String> replicas, String path) {
        Node b = s.objectOrEmpty("balancer").only(BALANCER_FIELDS);
        String check = b.has("check") ? b.text("check") : service.healthPath();
        if (check == null || !check.startsWith("/")) {
            throw (b.has("check") ? b.field("check") : b).error("check: the balancer's health check needs an HTTP path "
                    + "starting with '/' (the service's health is not one), e.g. check: /health");
        }
        String program = b.text("program", Balancer.PACKAGE);
        Path binary = Balancer.find(program, path).orElseThrow(() -> s.field("replicas").error("needs HAProxy, the "
                + "load balancer the gate starts in front of the replicas, and '" + program + "' is not installed: "
                + "install Debian's package '" + Balancer.PACKAGE + "' (apt-get install -y " + Balancer.PACKAGE
                + "), or leave replicas out"));
        int fall = whole(b, "fall", 2);
        int rise = whole(b, "rise", 2);
        Integer retries = b.has("retries") ? whole(b, "retries", 0) : null;
        Duration interval = positive(b, "interval", Duration.ofSeconds(1));
        return new Balancer(binary, replicas, check, interval, fall, rise,
                positive(b, "connectTimeout", Duration.ofSeconds(1)), positive(b, "serverTimeout", Duration.ofSeconds(5)),
                retries, b.bool("redispatch", false));
    }

    private static int whole(Node b, String field, int fallback) {
        if (!b.has(field)) {
            return fallback;
        }
        double v = b.number(field);
        int min = field.equals("retries") ? 0 : 1;
        if (v != Math.rint(v) || v < min || v > 100) {
            throw b.field(field).error("expected a whole number from " + min + " to 100, got " + b.text(field));
        }
        return (int) v;
    }

    private static Duration positive(Node b, String field, Duration fallback) {
        Duration d = b.duration(field, fallback);
        if (d.isZero() || d.isNegative()) {
            throw b.field(field).error("expected a positive duration such as 1s, got " + b.text(field));
        }
        return d;
    }
}
